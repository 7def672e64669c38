"""Passwords: the policy a new password must meet, and argon2id hashes of them.

Hashes are argon2id (RFC 9106) through argon2-cffi, whose verification compares in
constant time. The cost parameters are settings, so an office can raise them as machines
get faster; a hash made with other parameters still verifies and is replaced on the next
successful sign-in (``needs_rehash``). Nothing here touches the database.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from primitives.errors import InvalidInput
from workflow import settings

# Past this a "password" is a paste accident or an attempt to make hashing slow.
MAX_PASSWORD_LENGTH = 1024
# Below these the hash is too cheap to slow down a guesser (tests use the floor).
_MIN_MEMORY_KIB = 1024
_MIN_TIME_COST = 1
_PARALLELISM = 4


def _cost(env: str, floor: int) -> int:
    raw = settings.get(env)
    try:
        value = int(raw)
    except ValueError:
        value = floor - 1
    if value < floor:
        raise InvalidInput(
            "settings.bad_password_hash_cost",
            "{env}={value!r} must be a whole number of at least {floor}: set it so or unset it",
            env=env,
            value=raw,
            floor=floor,
        )
    return value


def hasher() -> PasswordHasher:
    """The hasher with the configured cost (read each time: settings may change)."""
    return PasswordHasher(
        time_cost=_cost("SONGNGU_PASSWORD_HASH_TIME_COST", _MIN_TIME_COST),
        memory_cost=_cost("SONGNGU_PASSWORD_HASH_MEMORY_KIB", _MIN_MEMORY_KIB),
        parallelism=_PARALLELISM,
    )


def min_length() -> int:
    raw = settings.get("SONGNGU_PASSWORD_MIN_LENGTH")
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 8 <= value <= 128:
        raise InvalidInput(
            "settings.bad_password_min_length",
            "SONGNGU_PASSWORD_MIN_LENGTH={value!r} must be a whole number from 8 to 128: "
            "set it so or unset it",
            value=raw,
        )
    return value


def check_policy(name: str, password: str) -> None:
    """Refuse a password that is too short, too long, blank or the user's own name."""
    shortest = min_length()
    if len(password) < shortest:
        raise InvalidInput(
            "password.too_short",
            "a password must have at least {min_length} characters",
            min_length=shortest,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            "password.too_long",
            "a password must have at most {max_length} characters",
            max_length=MAX_PASSWORD_LENGTH,
        )
    if not password.strip():
        raise InvalidInput("password.blank", "a password cannot be only spaces")
    if password.strip().casefold() == name.strip().casefold():
        raise InvalidInput("password.is_user_name", "a password cannot be the user name")


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify(password_hash: str, password: str) -> bool:
    """Whether password matches the hash; a malformed hash matches nothing."""
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a hash was made with other parameters than the configured ones."""
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


# Verified when a name is unknown or has no password, so that a wrong name takes as long
# to refuse as a wrong password and the timing does not tell which names exist.
_DUMMY_HASHES: dict[tuple[int, int, int], str] = {}


def burn_verification(password: str) -> None:
    """Spend what a real verification costs, with the configured parameters."""
    current = hasher()
    key = (current.time_cost, current.memory_cost, current.parallelism)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = current.hash("songngu: no such account")
    verify(_DUMMY_HASHES[key], password)
