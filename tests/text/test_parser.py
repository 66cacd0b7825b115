"""The spaCy pipeline multiplies its matrices through numpy's BLAS (blis, thinc's default,
falls back to slow generic kernels on CPUs it does not know) and parses exactly as through
blis."""

from __future__ import annotations

import spacy

from summarizer.text.parser import PARAGRAPH_BREAKS, load_pipeline
from summarizer.text.sentences import prepare
from tests.conftest import SEEDS


def _parse(doc: spacy.tokens.Doc) -> tuple[list, list, list]:
    return (
        [(ent.start, ent.end, ent.label_) for ent in doc.ents],
        [sentence.start for sentence in doc.sents],
        [(token.tag_, token.dep_, token.head.i) for token in doc],
    )


def test_the_pipeline_runs_on_numpy_and_parses_as_on_blis():
    ours = load_pipeline()
    # The embedding and hidden layers, where the time goes (spaCy builds the parsers' small
    # output layers on blis itself).
    for embedding in (
        ours.get_pipe("tok2vec").model,
        ours.get_pipe("ner").model.get_ref("tok2vec"),
    ):
        assert not any(node.ops.use_blis for node in embedding.walk())
    package = ours.meta["lang"] + "_" + ours.meta["name"]
    blis = spacy.load(package)
    blis.select_pipes(enable=[name for name in ours.pipe_names if name != PARAGRAPH_BREAKS])
    blis.add_pipe(PARAGRAPH_BREAKS, before="parser")
    assert blis.get_pipe("ner").model.ops.use_blis
    assert ours.pipe_names == blis.pipe_names
    for path in sorted(SEEDS.glob("*.txt")):
        text = prepare(path.read_text(encoding="utf-8")).analysed
        assert _parse(ours(text)) == _parse(blis(text))
