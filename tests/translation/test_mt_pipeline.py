"""The document pipeline over a deterministic model: batching, splitting, retries."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from primitives.errors import InvalidInput
from translation.engine import (
    FLAG_LONG_INPUT_SPLIT,
    FLAG_OUTPUT_TRUNCATED,
    FLAG_PLACEHOLDER_LOST,
    FLAG_REPETITION,
    FLAG_TAGS_MOVED,
    RETRY_PLACEHOLDER_LOST,
    RETRY_REPETITION,
    RETRY_TRUNCATED,
    MTRequest,
    MTResult,
)
from translation.pipeline import (
    AsyncTokenModel,
    DocumentTranslator,
    PipelineSettings,
    repeats,
    split_long_text,
)
from translation.protection import TermSpan

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


class EchoModel:
    """Copies its input (one piece per word), and records every call.

    needs: output pieces the model wants for every input (its words, then distinct
    made-up words), as a translation longer than its source does.
    """

    def __init__(
        self,
        *,
        drop_placeholders: bool = False,
        loop_unless_guarded: bool = False,
        needs: int = 0,
    ):
        self.drop_placeholders = drop_placeholders
        self.loop_unless_guarded = loop_unless_guarded
        self.needs = needs
        self.calls: list[tuple[list[list[str]], int, bool]] = []

    def encode(self, texts: list[str]) -> list[list[str]]:
        return [["▁" + word for word in text.split()] for text in texts]

    def decode(self, pieces: list[list[str]]) -> list[str]:
        return ["".join(item).replace("▁", " ").strip() for item in pieces]

    def translate(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> list[tuple[list[str], float]]:
        self.calls.append((batch, max_decoding_length, guard_repetition))
        outputs = []
        for pieces in batch:
            output = [p for p in pieces if not (self.drop_placeholders and p.startswith("▁["))]
            if self.loop_unless_guarded and not guard_repetition:
                output = output[:1] + ["▁again"] * (max_decoding_length - 1)
            output += [f"▁w{index}" for index in range(self.needs - len(output))]
            outputs.append((output[:max_decoding_length], -0.5))
        return outputs


class AsyncEchoModel(EchoModel):
    """An EchoModel that decodes in the background: records when each batch is asked for."""

    parallel_batches = 1

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.submitted = 0

    def submit(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> Callable[[], list[tuple[list[str], float]]]:
        self.submitted += 1
        outputs = self.translate(
            batch, max_decoding_length=max_decoding_length, guard_repetition=guard_repetition
        )
        return lambda: outputs


def _translate(
    model: EchoModel, requests: list[MTRequest], **settings: int | bool
) -> list[MTResult]:
    translator = DocumentTranslator(model, PipelineSettings(**settings))
    return [result for group in translator.translate(requests) for result in group]


def test_every_request_is_translated_as_given_and_answered_by_key() -> None:
    model = EchoModel()
    requests = [MTRequest(1, "Xin chào"), MTRequest(2, "Tạm biệt"), MTRequest(3, "Xin chào")]
    results = _translate(model, requests)
    assert [(r.key, r.target) for r in results] == [
        (1, "Xin chào"),
        (2, "Tạm biệt"),
        (3, "Xin chào"),
    ]
    # Repeats are the caller's to drop (the MT job does): the pipeline sends what it gets.
    sent = [pieces for batch, _, _ in model.calls for pieces in batch]
    assert len(sent) == 3
    assert list(DocumentTranslator(model).translate([])) == []


def test_batches_are_sorted_longest_first_with_a_proportional_output_limit() -> None:
    model = EchoModel()
    sources = ["một hai ba bốn năm", "một", "một hai ba", "một hai", "một hai ba bốn"]
    _translate(model, [MTRequest(i, s) for i, s in enumerate(sources)], batch_size=2)
    lengths = [[len(pieces) for pieces in batch] for batch, _, _ in model.calls]
    # As CTranslate2 orders its own batches: the one short batch comes last.
    assert lengths == [[5, 4], [3, 2], [1]]
    limits = [limit for _, limit, _ in model.calls]
    assert limits == [2 * 5 + 10, 2 * 3 + 10, 2 * 1 + 10]


def test_a_long_source_is_split_at_clause_punctuation_and_flagged() -> None:
    model = EchoModel()
    source = "một hai ba bốn, năm sáu bảy tám; chín mười mười một"
    results = _translate(model, [MTRequest("k", source)], max_input_tokens=5)
    assert results[0].target == source
    assert FLAG_LONG_INPUT_SPLIT in results[0].flags
    sent = [len(pieces) for batch, _, _ in model.calls for pieces in batch]
    assert sent == [4, 4, 4]


def test_split_without_punctuation_packs_whole_words() -> None:
    parts = split_long_text("a b c d e f g", EchoModel(), 3)
    assert parts == ["a b c", "d e f", "g"]


def test_split_packs_clauses_and_breaks_only_an_oversized_one_at_spaces() -> None:
    parts = split_long_text("a, b, c d e f g h, i", EchoModel(), 3)
    assert parts == ["a, b,", "c d e", "f g h,", "i"]


def test_looping_output_is_retried_with_the_repetition_guard() -> None:
    model = EchoModel(loop_unless_guarded=True)
    results = _translate(model, [MTRequest(1, "một hai ba")])
    assert results[0].target == "một hai ba"
    assert results[0].flags == (FLAG_REPETITION,)
    assert [guard for _, _, guard in model.calls] == [False, True]
    # A loop is not a lack of room: the retry keeps the limit.
    assert [limit for _, limit, _ in model.calls] == [2 * 3 + 10] * 2
    assert (results[0].decodes, results[0].retries) == (2, (RETRY_REPETITION,))


def test_an_output_cut_at_its_limit_is_retried_with_a_higher_limit() -> None:
    model = EchoModel(needs=25)  # 3 words want 25 pieces; the first limit is 16
    results = _translate(model, [MTRequest(1, "một hai ba")])
    assert [(limit, guard) for _, limit, guard in model.calls] == [(16, False), (32, False)]
    assert results[0].target.split()[:3] == ["một", "hai", "ba"]
    assert len(results[0].target.split()) == 25
    assert results[0].flags == ()  # it got the room it needed: nothing to review
    assert (results[0].decodes, results[0].retries) == (2, (RETRY_TRUNCATED,))


def test_an_output_still_cut_after_its_retry_is_flagged() -> None:
    model = EchoModel(needs=100)
    results = _translate(model, [MTRequest(1, "một hai ba")], max_decoding_length=40)
    assert [limit for _, limit, _ in model.calls] == [16, 32]
    assert results[0].flags == (FLAG_OUTPUT_TRUNCATED,)
    # At the upper cap already: no retry can give more room.
    capped = EchoModel(needs=100)
    results = _translate(capped, [MTRequest(1, "một hai ba")], max_decoding_length=16)
    assert len(capped.calls) == 1
    assert (results[0].flags, results[0].retries) == ((FLAG_OUTPUT_TRUNCATED,), ())


def test_cut_outputs_are_not_retried_when_that_retry_is_off() -> None:
    model = EchoModel(needs=25)
    results = _translate(model, [MTRequest(1, "một hai ba")], retry_truncated=False)
    assert len(model.calls) == 1
    assert results[0].flags == (FLAG_OUTPUT_TRUNCATED,)


def test_only_the_faulty_outputs_of_a_batch_are_retried() -> None:
    model = EchoModel(needs=20)  # the short source is cut at 2 × 1 + 10; the long one is not
    sources = ["một", "một hai ba bốn năm sáu bảy tám chín mười"]
    results = _translate(model, [MTRequest(i, s) for i, s in enumerate(sources)], batch_size=1)
    retried = [[len(pieces) for pieces in batch] for batch, _, _ in model.calls]
    assert retried == [[10], [1], [1]]
    assert [r.retries for r in sorted(results, key=lambda r: r.key)] == [(RETRY_TRUNCATED,), ()]


def test_looping_output_is_flagged_when_retries_are_off() -> None:
    model = EchoModel(loop_unless_guarded=True)
    results = _translate(model, [MTRequest(1, "một hai ba")], retry_repetition=False)
    assert set(results[0].flags) == {FLAG_REPETITION, FLAG_OUTPUT_TRUNCATED}
    assert len(model.calls) == 1


def test_repeats_ignores_normal_text_and_finds_loops() -> None:
    assert not repeats("▁the ▁cat ▁sat ▁on ▁the ▁mat".split())
    assert repeats("▁a ▁a ▁a ▁a".split())
    assert repeats("▁of ▁the ▁of ▁the ▁of ▁the".split())
    assert not repeats("▁of ▁the ▁of ▁the".split())
    assert not repeats("▁a ▁a ▁a".split())
    assert repeats("▁x ▁y ▁a ▁b ▁c ▁a ▁b ▁c ▁a ▁b ▁c ▁z".split())


def _repeats_by_definition(pieces: list[str], max_ngram: int = 4) -> bool:
    """The definition, spelt out: some n-gram occurs that many times back to back."""
    for n in range(1, max_ngram + 1):
        needed = 4 if n == 1 else 3
        for start in range(len(pieces) - n * needed + 1):
            gram = pieces[start : start + n]
            if all(pieces[start + k * n : start + (k + 1) * n] == gram for k in range(needed)):
                return True
    return False


def test_repeats_one_pass_check_agrees_with_the_definition() -> None:
    generator = random.Random(14)
    for _ in range(3000):
        pieces = generator.choices("abc", k=generator.randint(0, 14))
        assert repeats(pieces) == _repeats_by_definition(pieces), pieces


def test_protected_spans_terms_names_and_tags_come_back_in_place() -> None:
    source = "<g1>Ông Nguyễn Văn An</g1> chi 6,5% cho UBND tỉnh<x2/>"
    term_start = source.index("tỉnh")
    request = MTRequest(
        "s",
        source,
        terms=(TermSpan(term_start, term_start + 4, "province"),),
        names=("Nguyễn Văn An",),
        strip_name_diacritics=True,
    )
    results = _translate(EchoModel(), [request])
    assert results[0].target == "<g1>Ông Nguyen Van An</g1> chi 6.5% cho UBND province<x2/>"
    assert results[0].flags == ()


def test_lost_placeholders_mean_a_plain_retranslation_with_flags() -> None:
    model = EchoModel(drop_placeholders=True)
    results = _translate(model, [MTRequest(1, "Chi 6,5% cho <g1>dự án</g1> này")])
    assert results[0].target == "Chi 6,5% cho dự án này<g1></g1>"
    assert set(results[0].flags) == {FLAG_PLACEHOLDER_LOST, FLAG_TAGS_MOVED}
    assert (results[0].decodes, results[0].retries) == (2, (RETRY_PLACEHOLDER_LOST,))


LOSING = ["a", "b 6,5%", "c d", "e f 7%", "g h i", "j k l 8%"]  # 3 lose their "[1]"


def test_a_lost_segment_is_redone_inside_the_next_batch_not_in_one_of_its_own() -> None:
    model = EchoModel(drop_placeholders=True)
    translator = DocumentTranslator(model, PipelineSettings(batch_size=2))
    groups = translator.translate([MTRequest(i, s) for i, s in enumerate(LOSING)])
    keys = [[r.key for r in group] for group in groups]
    sent = [
        [" ".join(p.lstrip("▁") for p in pieces) for pieces in batch] for batch, *_ in model.calls
    ]
    # Each loss rides with the next batch submitted (batch 1 lost both its sources, so it
    # finished none); the last batch's, decoded after it, comes within its group: at most
    # one group per batch of 2, never a group of its own for a redo.
    assert sent == [
        ["j k l [1]", "e f [1]"],
        ["g h i", "b [1]", "j k l 8%", "e f 7%"],
        ["c d", "a", "b 6,5%"],
    ]
    assert keys == [[4, 5, 3], [2, 0, 1]]


def test_a_redone_segment_has_the_result_a_redo_of_its_own_gives() -> None:
    together = _translate(
        EchoModel(drop_placeholders=True),
        [MTRequest(i, s) for i, s in enumerate(LOSING)],
        batch_size=2,
    )
    alone = [
        _translate(EchoModel(drop_placeholders=True), [MTRequest(i, s)])[0]
        for i, s in enumerate(LOSING)
    ]
    assert sorted(together, key=lambda r: r.key) == alone
    assert [r.key for r in alone if FLAG_PLACEHOLDER_LOST in r.flags] == [1, 3, 5]


def test_an_asynchronous_model_takes_a_loss_in_the_batch_after_the_one_in_flight() -> None:
    model = AsyncEchoModel(drop_placeholders=True)
    translator = DocumentTranslator(model, PipelineSettings(batch_size=2))
    groups = translator.translate([MTRequest(i, s) for i, s in enumerate(LOSING)])
    keys = [[r.key for r in group] for group in groups]
    sent = [
        [" ".join(p.lstrip("▁") for p in pieces) for pieces in batch] for batch, *_ in model.calls
    ]
    # Batch 2 is submitted before batch 1 is back, so batch 1's losses join batch 3; the
    # loss of batch 2 is decoded after batch 3, within its group.
    assert sent == [
        ["j k l [1]", "e f [1]"],
        ["g h i", "b [1]"],
        ["c d", "a", "j k l 8%", "e f 7%"],
        ["b 6,5%"],
    ]
    assert keys == [[4], [2, 0, 5, 3, 1]]


class TwoWorkerEchoModel(AsyncEchoModel):
    """An AsyncEchoModel with two workers: records which batches were still out at each
    submit (the pipeline takes outputs in submit order)."""

    parallel_batches = 2

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self.outstanding: list[int] = []  # batches submitted and not yet taken, per submit
        self.taken = 0

    def submit(
        self, batch: list[list[str]], *, max_decoding_length: int, guard_repetition: bool
    ) -> Callable[[], list[tuple[list[str], float]]]:
        self.outstanding.append(self.submitted - self.taken)
        result = super().submit(
            batch, max_decoding_length=max_decoding_length, guard_repetition=guard_repetition
        )

        def take() -> list[tuple[list[str], float]]:
            self.taken += 1
            return result()

        return take


def test_with_two_workers_a_last_loss_is_decoded_beside_the_last_batch() -> None:
    model = TwoWorkerEchoModel(drop_placeholders=True)
    translator = DocumentTranslator(model, PipelineSettings(batch_size=2))
    groups = translator.translate([MTRequest(i, s) for i, s in enumerate(LOSING)])
    keys = [[r.key for r in group] for group in groups]
    sent = [
        [" ".join(p.lstrip("▁") for p in pieces) for pieces in batch] for batch, *_ in model.calls
    ]
    # All three batches are out before batch 1 is back, so no batch is left to carry its
    # losses: they wait for a free worker, and once batch 2 is back (its loss joining
    # them) go out beside batch 3, still decoding (one batch out), not after it.
    assert sent == [
        ["j k l [1]", "e f [1]"],
        ["g h i", "b [1]"],
        ["c d", "a"],
        ["j k l 8%", "e f 7%", "b 6,5%"],
    ]
    assert model.outstanding == [0, 1, 2, 1]
    assert keys == [[4], [2, 0], [5, 3, 1]]


def test_results_come_batch_by_batch_longest_first() -> None:
    model = EchoModel()
    sources = ["a b c d e", "a", "a b c", "a b", "a b c d", "6,5%"]
    translator = DocumentTranslator(model, PipelineSettings(batch_size=2))
    groups = translator.translate([MTRequest(i, s) for i, s in enumerate(sources)])
    # Nothing to translate (digits only) comes first, without a model call.
    assert [r.key for r in next(groups)] == [5]
    assert model.calls == []
    assert [r.key for r in next(groups)] == [0, 4]
    assert len(model.calls) == 1  # the next batch waits until the caller asks for it
    assert [[r.key for r in group] for group in groups] == [[2, 3], [1]]
    assert len(model.calls) == 3


def test_a_split_source_comes_when_its_last_part_is_decoded() -> None:
    model = EchoModel()
    source = "một hai ba bốn, năm sáu bảy tám; chín mười mười một"
    requests = [MTRequest("long", source), MTRequest("short", "xin chào")]
    translator = DocumentTranslator(model, PipelineSettings(batch_size=1, max_input_tokens=5))
    keys = [[r.key for r in group] for group in translator.translate(requests)]
    assert keys == [["long"], ["short"]]  # its three parts, then the shorter source
    assert len(model.calls) == 4


def test_an_asynchronous_model_gets_the_next_batch_while_one_is_stored() -> None:
    model = AsyncEchoModel()
    assert isinstance(model, AsyncTokenModel)
    sources = ["a", "a b", "a b c", "a b c d"]
    translator = DocumentTranslator(model, PipelineSettings(batch_size=1))
    groups = translator.translate([MTRequest(i, s) for i, s in enumerate(sources)])
    assert [r.key for r in next(groups)] == [3]
    assert model.submitted == 2  # one batch ahead of what the caller stores
    assert [[r.key for r in group] for group in groups] == [[2], [1], [0]]
    assert model.submitted == 4


def test_token_batches_hold_at_most_the_batch_size_in_padded_pieces() -> None:
    model = EchoModel()
    sources = ["a", "a b", "a b", "a b c", "a b c d e f"]
    settings = {"batch_size": 6, "batch_type": "tokens"}
    _translate(model, [MTRequest(i, s) for i, s in enumerate(sources)], **settings)  # type: ignore[arg-type]
    lengths = [[len(pieces) for pieces in batch] for batch, _, _ in model.calls]
    # The longest fills 6 alone; 2 inputs padded to 3 pieces fill 6, a third would make 9.
    assert lengths == [[6], [3, 2], [2, 1]]


def test_a_bad_batch_layout_is_refused() -> None:
    with pytest.raises(InvalidInput) as unknown:
        DocumentTranslator(EchoModel(), PipelineSettings(batch_type="sentences"))
    assert unknown.value.code == "mt.unknown_batch_type"
    with pytest.raises(InvalidInput) as empty:
        DocumentTranslator(EchoModel(), PipelineSettings(batch_size=0))
    assert empty.value.code == "mt.bad_batch_size"


def test_segments_with_nothing_to_translate_skip_the_model() -> None:
    model = EchoModel()
    results = _translate(model, [MTRequest(1, "  <x1/>6,5%  "), MTRequest(2, "")])
    assert [r.target for r in results] == ["  <x1/>6.5%  ", ""]
    assert [r.score for r in results] == [1.0, 1.0]
    assert model.calls == []


def test_surrounding_whitespace_is_kept_and_score_is_a_probability() -> None:
    results = _translate(EchoModel(), [MTRequest(1, "  Xin chào\n")])
    assert results[0].target == "  Xin chào\n"
    assert results[0].score == pytest.approx(0.6065, abs=1e-3)  # exp(-0.5)
