"""Is a word a well-formed Vietnamese syllable? The evidence behind encoding detection.

Text in a wrong encoding turns into words no Vietnamese reader would write ("Céng",
"ViÖt"), and converting it with the right table turns them into well-formed syllables
("Cộng", "Việt"). Counting well-formed syllables before and after a candidate conversion
is therefore a cheap, language-aware test that does not fire on English or French: their
accented words do not become Vietnamese syllables under any of the legacy tables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Onsets longest first so "ngh" wins over "ng". "gi" and "qu" are onsets; "k" only before
# front vowels is a spelling rule we do not enforce (loanwords and names break it).
_ONSETS = ("ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x").split()
# Vowel nuclei, including glides written with the nucleus (oa, uy, uyê ...).
_NUCLEI = frozenset(
    (
        "a ă â e ê i y o ô ơ u ư "
        "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi "
        "ươ ưu ya yê "
        "iêu yêu oai oay oeo uây uôi uya uyê uyu ươi ươu"
    ).split()
)
# Nuclei that end in a glide or in -a cannot take a final consonant ("aim", "ian").
_OPEN_ONLY = frozenset(
    n for n in _NUCLEI if len(n) > 1 and (n[-1] in "iyoua") and n not in {"oo", "uy", "oa"}
)
_FRONT_VOWELS = frozenset("eêiy")
_MODIFIED_VOWELS = frozenset("ăâêôơư")
# Open oa/oe/uy take the tone on either vowel: old "hòa", "thủy", new "hoà", "thuỷ".
_EITHER_PLACEMENT = frozenset({"oa", "oe", "uy", "oo"})
_CODAS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")
_WORD_RE = re.compile(r"[^\W\d_]+")
_GLUED_TO_NUMBER_RE = re.compile(r"(?<=\d)[^\W\d_]+")
_ONE_LETTER_WORD_RE = re.compile(r"(?<![^\W\d_])[^\W\d_](?![^\W\d_])")


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """True for one well-formed syllable: "Cộng", "nghiêng", "QUỐC", "hoà", "hòa".

    Checks the letter case (lower, UPPER or Title: "ViÖt", "HĂn" are not words), the
    spelling (onset, vowel nucleus, final consonant) and where the tone mark sits; both
    the old and the new placement in oa/oe/uy are accepted.
    """
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    bare_chars: list[str] = []
    tone_at = -1
    for index, char in enumerate(word.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        if any(mark in _TONES for mark in decomposed):
            if tone_at >= 0:
                return False  # two tones
            tone_at = index
        bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        if len(bare) != 1:
            return False
        bare_chars.append(bare)
    bare = "".join(bare_chars)
    for onset in (*_ONSETS, ""):
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset) :]
        start = len(onset)
        if rest[:1] in _FRONT_VOWELS and onset in ("c", "g", "ng"):
            continue  # spelled k, gh, ngh before e, ê, i ("Céng" is not a word)
        if rest[:1] not in _FRONT_VOWELS and onset in ("gh", "ngh"):
            continue
        if onset == "gi" and (rest == "" or rest[0] in "nmcpt"):
            rest, start = "i" + rest, start - 1  # "gì", "gin": the i is the vowel
        for coda in _CODAS:
            if coda and not rest.endswith(coda):
                continue
            nucleus = rest[: len(rest) - len(coda)]
            if nucleus not in _NUCLEI or (coda and nucleus in _OPEN_ONLY):
                continue
            if tone_at < 0 or _tone_fits(nucleus, tone_at - start):
                return True
    return False


def _tone_fits(nucleus: str, position: int) -> bool:
    """Whether a tone mark may sit on ``nucleus[position]``."""
    if not 0 <= position < len(nucleus):
        return False
    if len(nucleus) == 1 or nucleus in _EITHER_PLACEMENT:
        return True
    if any(vowel in _MODIFIED_VOWELS for vowel in nucleus):
        return nucleus[position] in _MODIFIED_VOWELS  # "tiếng", "người", "giữa"
    return position < len(nucleus) - 1  # "cái", "của", "ngoài": never on the last vowel


@dataclass(frozen=True)
class SyllableTally:
    """Words split by whether they are Vietnamese syllables, accented and plain apart."""

    well_formed: int  # words with a non-ASCII letter
    malformed: int
    plain_well_formed: int = 0  # ASCII words (acronyms such as "UBND" are not counted)
    plain_malformed: int = 0

    @property
    def total(self) -> int:
        return self.well_formed + self.malformed

    @property
    def vietnamese_share(self) -> float:
        """Share of all counted words that are well-formed syllables (1.0 if no words)."""
        words = self.total + self.plain_well_formed + self.plain_malformed
        return (self.well_formed + self.plain_well_formed) / words if words else 1.0


@lru_cache(maxsize=65536)
def _word_kind(word: str) -> int:
    """Index into SyllableTally's counts, or -1 for a word not counted (an acronym)."""
    ascii_word = word.isascii()
    if ascii_word and len(word) > 1 and word.isupper():
        return -1  # acronyms: UBND, TP, HCM
    return (0 if is_vietnamese_syllable(word) else 1) + (2 if ascii_word else 0)


def tally_words(text: str, original: str | None = None) -> SyllableTally:
    """Count the words of ``text`` by kind.

    ``original`` (same length as ``text``) is the text before a 1:1 conversion: a
    one-letter word that was a symbol there ("«" read as "ô"), or a word glued to a number
    ("10°C"), is not counted: a symbol standing alone is no evidence of an encoding.
    """
    counts = [0, 0, 0, 0, 0]  # the fifth slot collects kind -1
    for word in _WORD_RE.findall(text):
        counts[_word_kind(word)] += 1
    if original is not None:
        # Few words qualify, so find them with two scans instead of checking every word.
        for match in _GLUED_TO_NUMBER_RE.finditer(text):
            counts[_word_kind(match.group(0))] -= 1
        for match in _ONE_LETTER_WORD_RE.finditer(text):
            start = match.start()
            if not original[start].isalpha() and not (start and text[start - 1].isdigit()):
                counts[_word_kind(match.group(0))] -= 1
    return SyllableTally(*counts[:4])


# Everyday syllables (function words, pronouns, common verbs and nouns), from general
# knowledge of the language, not from any test corpus. Used only to break ties between
# two conversions that both yield well-formed syllables: "không rảnh" over "khềng rờnh".
COMMON_SYLLABLES = frozenset(
    """
    à ai anh ba bà bạn bao bây bị biết bình bộ các cái cả càng cao cháu chào chỉ chị chính
    cho chủ chúng chưa chứ có còn công của cũng cùng cứ cách cần cậu dân dạy đã đang đâu đây
    để đến đều đi điều đó đối đồng đúng được đường em gì gia giờ giúp hai hàng hay hãy hết
    hiện hỏi học hôm hơn họ hội khi khó không là làm lại lần lên lúc luôn lý mà mình mọi một
    mới muốn mười năm nay này nào nên nếu người nhà nhau nhân nhất nhiều như nhưng những nói
    nó nước ông ở phải phần phố quá quan quốc ra rằng rất rồi sao sau sẽ sinh số sự ta tại
    tay tên thành thân thế thể thì thích thời thứ thực tiếng tin tình tôi tới từ tự tuổi
    trên trong trước trường và vào vẫn về việc viết với vừa xem xin yêu đẹp ăn uống ngày
    tháng giữa mẹ cha con trẻ bố nghĩ nghe thấy xe sách sống cửa ngủ chơi chờ dùng gặp
    mua bán tiền đồ quên nhớ làm việt nam hà nội thủ tướng chính phủ nghĩa xã hòa hoà cộng
    """.split()
)


def count_common_syllables(text: str) -> int:
    """How many words of ``text`` (any case) are everyday Vietnamese syllables."""
    return sum(word.lower() in COMMON_SYLLABLES for word in _WORD_RE.findall(text))
