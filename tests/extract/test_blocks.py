"""The page's block of running text (extract/blocks.py) and the rescue that uses it (extract/html.py)."""

from __future__ import annotations

from lxml import html as lhtml

from tests.extract.pages import MORE_STORY, STORY

EXTRA = [
    "Harbor pilots will guide the larger ferries into the south pier for the first two weeks, the authority "
    "said, because the approach there is narrower and the tide runs faster along the breakwater.",
    "The island school asked for an earlier morning crossing so that pupils arrive before the first bell; "
    "the operator said it would add one on weekdays until the north pier reopens in the autumn.",
    "Shopkeepers near the north pier said they expect fewer customers over the summer and asked the council "
    "to waive their market fees, a request the council will consider at its next meeting.",
    "The authority will publish a weekly note on the progress of the repairs on its notice board at the "
    "ferry terminal and in the harbor library, with the date of reopening once divers finish.",
]
TEASERS = ("Storm closes coastal road for a second day...", "Local bakery wins the regional bread prize...",
           "Zoo welcomes two red pandas from a breeding park...")


def _page(story: list[str]) -> str:
    """A teaser column in a link-light box, and the story in plain paragraphs split by a figure."""
    box = "".join(f"<li><p>{t}</p></li>" for t in TEASERS)
    first, rest = story[:-3], story[-3:]
    return ("<html><body><nav><p>" + STORY[0] + "</p></nav>"
            f'<div class="latest"><h3>Latest posts</h3><ul>{box}</ul></div>'
            '<div class="copy-wrap"><h2>North pier to close</h2>'
            + "".join(f"<p>{p}</p>" for p in first)
            + '<figure><img src="pier.jpg"><figcaption>The north pier at low tide.</figcaption></figure>'
            + '<div class="inner">' + "".join(f"<p>{p}</p>" for p in rest) + "</div>"
            + "<aside><p>Our reporters cover the harbor, the ferries and the island towns every day of the week.</p>"
            "</aside></div></body></html>")


def test_the_block_is_the_container_of_the_running_text() -> None:
    from newsgraph.extract.blocks import prose_block

    lines, prose = prose_block(lhtml.fromstring(_page(STORY + MORE_STORY + EXTRA)))
    # the heading and every paragraph, in order, across the inner wrapper; not the teasers, the menu or the aside
    assert lines == ("North pier to close", *STORY, *MORE_STORY, *EXTRA)
    assert prose >= sum(len(p) for p in STORY + MORE_STORY + EXTRA) // 2


def test_a_page_without_running_text_has_no_block() -> None:
    from newsgraph.extract.blocks import prose_block

    assert prose_block(lhtml.fromstring("<html><body><ul><li><p>Short label</p></li></ul></body></html>")) == ((), 0)


def test_the_block_stands_in_only_when_the_found_text_missed_it() -> None:
    from newsgraph.extract.boilerplate import filter_lines
    from newsgraph.extract.html import rescue

    tree = lhtml.fromstring(_page(STORY + MORE_STORY + EXTRA))
    teasers = filter_lines(list(TEASERS))
    got = rescue(tree, teasers, None)
    assert got is not None and got[0][1:] == (*STORY, *MORE_STORY, *EXTRA)
    # the found text holds the story: it stands, even when the block would add a heading
    assert rescue(tree, filter_lines(STORY + MORE_STORY + EXTRA), None) is None
    # a column of cut teasers is no block of running text
    cut = [p.rstrip(".") + "…" for p in STORY + MORE_STORY + EXTRA]
    assert rescue(lhtml.fromstring(_page(cut)), teasers, None) is None
    # too little running text on the page to trust a block over the extractors
    assert rescue(lhtml.fromstring(_page(STORY[:1])), teasers, None) is None


# A fictional guide of item wrappers: a short lead, then one wrapper per stall, each with its own paragraph.
STALLS = [
    ("The Copper Kettle", "A family stall that has served smoked fish soup at the harbor market since the ferry "
     "first ran, with bread baked each morning in the van behind the counter."),
    ("Salt and Rye", "Two former ship cooks sell rye buns filled with pickled herring, and on Fridays a thick "
     "chowder that sells out before the noon ferry leaves the south pier."),
    ("Gull Point Pies", "Hand pies with lamb, leek or wild mushroom, baked in small batches so that the last "
     "customers of the day get them as warm as the first ones did."),
    ("The Pier Grill", "Grilled mackerel on flatbread with a sharp apple slaw, cooked over charcoal by a chef "
     "who trained in the city before moving back to the island last spring."),
    ("Low Tide Coffee", "A cart that roasts its own beans in the old net shed and pours strong coffee for the "
     "fishing crews from five in the morning until the market closes."),
    ("Harbor Greens", "Salads of sea beet, samphire and new potatoes from the island farms, dressed with a "
     "mustard the owner makes from her grandmother's recipe every second week."),
    ("Net Loft Noodles", "Hand-pulled noodles in a clear crab broth, served upstairs in the old net loft where "
     "six stools look out over the boats coming in with the evening catch."),
]


def _guide() -> str:
    items = "".join(f'<article class="stall"><h3>{name}</h3><div class="excerpt"><p>{text}</p></div></article>'
                    for name, text in STALLS)
    return ('<html><body><nav><p>Home</p></nav><main><div class="lead"><p>The harbor market reopened this '
            'week, and these are the stalls our food writers would queue for again.</p></div>'
            f'<div class="stalls">{items}</div></main><footer><p>About us</p></footer></body></html>')


def test_a_guide_spread_over_item_wrappers_is_one_block() -> None:
    from newsgraph.extract.blocks import prose_block

    lines, prose = prose_block(lhtml.fromstring(_guide()))
    # every stall with its heading, not one stall's wrapper; the menu and footer stay out (so does the lead,
    # a sibling of the list: the block is one element)
    assert lines == tuple(x for item in STALLS for x in item)
    assert prose >= sum(len(text) for _, text in STALLS)


def test_a_story_wrapper_does_not_climb_to_the_stories_stacked_under_it() -> None:
    from newsgraph.extract.blocks import prose_block

    # the next story stacked under the article holds as much running text: each wrapper holds half of the
    # page's running text, but a story's worth, so one story is the block, not the two together
    story = STORY + MORE_STORY + EXTRA
    page = _page(story).replace("<body>", "<body><main>").replace(
        "</body>", '<div class="next"><h2>Next story</h2>' + "".join(f"<p>{p}</p>" for p in story[::-1])
        + "</div></main></body>")
    lines, _ = prose_block(lhtml.fromstring(page))
    assert lines == ("Next story", *story[::-1])


def test_a_guide_cut_to_its_lead_is_rescued() -> None:
    from newsgraph.extract.boilerplate import filter_lines
    from newsgraph.extract.html import rescue

    lead = filter_lines(["The harbor market reopened this week, and these are the stalls our food writers "
                         "would queue for again."])
    got = rescue(lhtml.fromstring(_guide()), lead, None)
    assert got is not None and all(text in got[0] for _, text in STALLS)
