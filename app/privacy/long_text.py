"""spaCy over long texts in pieces, so detection's memory does not grow with the transcript.

spaCy's CNN layers keep every layer's output for the whole Doc until the
layer stack returns: about 15 KB per token in ``tok2vec`` and again in the
NER's own ``tok2vec``, so a one-hour transcript (9,000 tokens) peaked at
+150 MB during detection. Here a long text is tokenized once, then annotated
piece by piece (about ``PIECE_TOKENS`` tokens cut after a sentence's end), each
piece run with ``CONTEXT_TOKENS`` of the text on either side so that its
tokens see the same neighbours as in one pass (the CNN looks 4 tokens each
way; the parser and NER restart at a sentence start in the context, not at the
piece's edge). Only the piece's own tokens are kept: tags, parts of speech,
morphology, lemmas, dependency arcs (sentence starts where there is no parser) and the entities that start in it.
"""
from __future__ import annotations

PIECE_TOKENS = 1024
CONTEXT_TOKENS = 64
# How far a cut may move to fall after a sentence's end.
SEARCH_TOKENS = 128
_SENTENCE_ENDS = frozenset(".?!")


def annotate_in_pieces(nlp, text: str, piece_tokens: int = PIECE_TOKENS, context_tokens: int = CONTEXT_TOKENS):
    """Returns the spaCy Doc of ``text`` annotated by ``nlp``'s pipeline, in pieces when it is long.

    A text of at most ``piece_tokens + 2 * context_tokens`` tokens is simply
    ``nlp(text)``. ``doc.tensor`` is not kept for a long text (nothing in
    detection reads it); everything else is as one pass gives it (checked on meetings with and without sentence punctuation). Raises
    what ``nlp`` raises (ValueError for a text over ``nlp.max_length``).
    """
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
    from spacy.tokens import Span
    from spacy.util import filter_spans

    if len(text) > nlp.max_length or not nlp.pipeline:
        return nlp(text)  # spaCy's own error, as before; a blank pipeline has nothing to piece
    doc = nlp.make_doc(text)
    if len(doc) <= piece_tokens + 2 * context_tokens:
        return nlp(text)
    # With a parser, sentence starts follow from the arcs (spaCy refuses both at once); the arcs are kept because
    # the rules after detection read them ("Chase bank": a name that modifies a noun, app/privacy/thing_names.py).
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD] if "parser" in nlp.pipe_names else [TAG, POS, MORPH, LEMMA, SENT_START]
    annotated = doc.to_array(attrs)
    entities = []
    for first, end in _pieces(doc, piece_tokens):
        lo = _sentence_start_before(doc, max(0, first - context_tokens))
        hi = _sentence_end_after(doc, min(len(doc), end + context_tokens))
        piece = doc[lo:hi].as_doc()
        for _, component in nlp.pipeline:
            piece = component(piece)
        annotated[first:end] = piece.to_array(attrs)[first - lo : end - lo]
        entities += [(ent.start + lo, ent.end + lo, ent.label) for ent in piece.ents if first <= ent.start + lo < end]
    doc.from_array(attrs, annotated)
    # One pass never yields overlapping entities; pieces could only where one runs over a cut: the first is kept.
    doc.ents = filter_spans([Span(doc, start, end, label) for start, end, label in entities])
    return doc


def piecewise_nlp_engine(models, ner_model_configuration):
    """Returns a Presidio ``SpacyNlpEngine`` (not loaded) whose texts are annotated by :func:`annotate_in_pieces`."""
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    class PiecewiseSpacyNlpEngine(SpacyNlpEngine):
        def process_text(self, text: str, language: str):
            if not self.nlp:
                raise ValueError("NLP engine is not loaded. Consider calling .load()")
            doc = annotate_in_pieces(self.nlp[language], text, PIECE_TOKENS, CONTEXT_TOKENS)  # read at call time
            return self._doc_to_nlp_artifact(doc, language)

    return PiecewiseSpacyNlpEngine(models=models, ner_model_configuration=ner_model_configuration)


def _pieces(doc, piece_tokens: int) -> list[tuple[int, int]]:
    """Returns consecutive (first, end) token ranges covering ``doc``, cut after a sentence's end where one is near."""
    cuts = [0]
    while len(doc) - cuts[-1] > piece_tokens:
        target = cuts[-1] + piece_tokens
        cut = next((i for i in range(target, max(cuts[-1] + 1, target - SEARCH_TOKENS), -1) if _ends_sentence(doc, i - 1)), target)
        cuts.append(cut)
    cuts.append(len(doc))
    return list(zip(cuts[:-1], cuts[1:]))


def _ends_sentence(doc, i: int) -> bool:
    token = doc[i]
    return token.text in _SENTENCE_ENDS and bool(token.whitespace_)


def _sentence_start_before(doc, i: int) -> int:
    """Returns the first token after a sentence's end at or before token ``i`` (within SEARCH_TOKENS), else ``i``."""
    for j in range(i, max(0, i - SEARCH_TOKENS), -1):
        if _ends_sentence(doc, j - 1):
            return j
    return i


def _sentence_end_after(doc, i: int) -> int:
    """Returns the end of the first sentence ending at or after token ``i`` (within SEARCH_TOKENS), else ``i``."""
    for j in range(i, min(len(doc), i + SEARCH_TOKENS)):
        if _ends_sentence(doc, j - 1):
            return j
    return i
