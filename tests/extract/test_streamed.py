"""Streamed pages (extract/streamed.py): each late piece goes where the page's script would put it."""

from __future__ import annotations

from lxml import html as lhtml

from newsgraph.extract.html import extract_html
from newsgraph.extract.streamed import resolve
from tests.extract.pages import MORE_STORY, STORY


def _texts(tree: lhtml.HtmlElement) -> list[str]:
    return [" ".join(p.text_content().split()) for p in tree.iter("p")]


def test_a_boundary_gets_its_piece_and_loses_its_fallback() -> None:
    tree = lhtml.fromstring(
        '<html><body><div><h1>Ferry</h1><!--$?--><template id="B:0"></template><p>Loading...</p><!--/$-->'
        "<p>Closing words.</p></div><footer><p>Site footer.</p></footer>"
        '<div hidden id="S:0"><p>The first section.</p><p>The second section.</p></div>'
        '<script>$RC("B:0","S:0")</script></body></html>')
    assert resolve(tree)
    assert _texts(tree) == ["The first section.", "The second section.", "Closing words.", "Site footer."]
    assert not tree.xpath("//div[@hidden] | //template")


def test_a_placeholder_is_filled_in_order_without_its_script() -> None:
    # saved pages often lose the scripts: the piece then goes to the placeholder of the same number
    tree = lhtml.fromstring(
        '<html><body><article><p>Lead paragraph.</p><template id="P:3"></template>after text</article>'
        '<div hidden id="S:3">late lead<p>Middle paragraph.</p></div></body></html>')
    assert resolve(tree)
    article = tree.find(".//article")
    assert " ".join(article.text_content().split()) == "Lead paragraph.late leadMiddle paragraph.after text"


def test_a_fallback_without_its_closing_comment_stays() -> None:
    tree = lhtml.fromstring(
        '<html><body><div><template id="B:1"></template><p>Kept text.</p></div>'
        '<div hidden id="S:1"><p>Piece.</p></div></body></html>')
    assert resolve(tree)
    assert _texts(tree) == ["Piece.", "Kept text."]


def test_a_page_without_pieces_is_left_alone() -> None:
    tree = lhtml.fromstring('<html><body><div hidden id="menu"><p>Menu.</p></div><p>Text.</p></body></html>')
    before = lhtml.tostring(tree)
    assert not resolve(tree)
    assert lhtml.tostring(tree) == before


def _streamed_page() -> str:
    """A story whose later sections were streamed after the footer, with "Loading" fallbacks in their place."""
    first = "".join(f"<p>{p}</p>" for p in STORY[:2])
    boundaries = "".join(f'<!--$?--><template id="B:{i}"></template><p>Loading section...</p><!--/$-->'
                         for i in range(2))
    pieces = ('<div hidden id="S:0">' + "".join(f"<p>{p}</p>" for p in STORY[2:]) + "</div>"
              '<div hidden id="S:1">' + "".join(f"<p>{p}</p>" for p in MORE_STORY) + "</div>")
    return ("<html><head><title>Harbor Council Approves New Ferry Schedule</title></head><body>"
            "<header><a href='/'>Home</a></header><main><article><h1>Harbor Council Approves New Ferry Schedule</h1>"
            f"{first}{boundaries}</article></main>"
            "<footer><p>Contact us</p><p>All rights reserved.</p></footer>"
            f"{pieces}<script>$RC(\"B:0\",\"S:0\");$RC(\"B:1\",\"S:1\")</script></body></html>")


def test_the_streamed_story_is_read_in_order() -> None:
    result = extract_html(_streamed_page())
    assert result is not None
    text = "\n".join(result.paragraphs)
    assert "Loading section" not in text
    order = [text.find(p) for p in (STORY[0], STORY[2], MORE_STORY[0], MORE_STORY[-1])]
    assert -1 not in order and order == sorted(order)
