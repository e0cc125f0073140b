"""Fictional news pages written for these tests (no real site's markup or text)."""

from __future__ import annotations

import json

HEADLINES = [
    "Harbor council delays vote on ferry fares", "Storm closes coastal road for a second day",
    "Local bakery wins regional bread prize", "School board names new superintendent",
    "Museum reopens after two-year renovation", "River cleanup draws hundreds of volunteers",
    "City budget gap narrows after tax revenue rise", "Hospital expands night clinic hours",
    "Library adds Sunday opening in pilot scheme", "Transit agency tests electric buses on hill routes",
    "Farmers market moves to old rail yard", "Police seek witnesses to overnight break-in",
    "Mayor opens new pedestrian bridge downtown", "High school robotics team heads to finals",
    "Water rates to rise by four percent next year", "Theater group stages play about lighthouse keepers",
    "Bike lane plan draws mixed reaction", "Snow plows ready as forecasters warn of early frost",
    "Zoo welcomes pair of red pandas", "Fire crews contain brush fire near quarry",
]


def article_page(*, title: str = "Harbor Council Approves New Ferry Schedule After Long Debate",
                 site: str = "The Harbor Ledger", author: str = "Mara Ellison",
                 published: str = "2024-05-14T09:30:00-04:00", extra_body: str = "") -> str:
    paras = [
        "The Harbor City council voted 6-3 on Tuesday to approve a new ferry schedule that adds early "
        "morning crossings for commuters, ending a debate that had stretched over three meetings.",
        "\u201cThis gives working families a real choice,\u201d said council member Dana Whitlock, who "
        "proposed the change in March. Opponents argued the extra crossings would strain the port budget.",
        "The harbor authority estimates the added service will cost $1.2 million a year, to be covered in "
        "part by a fare increase of 25 cents that takes effect in July.",
        "Ferry operators said they would hire eight deckhands before the summer season and expected the "
        "first early crossing to run on June 3, weather permitting.",
        "Residents of the island neighborhoods, who packed the chamber for the vote, applauded when the "
        "result was read out. Several said the first ferry now leaves too late for hospital shift workers.",
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": published,
        "author": [{"@type": "Person", "name": author}, {"@type": "Organization", "name": site}],
        "publisher": {"@type": "Organization", "name": site},
    })
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
<link rel="canonical" href="https://ledger.example/news/2024/05/14/ferry-schedule">
<script type="application/ld+json">{ld}</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>{title}</h1>
<div class="byline">By <a rel="author" href="/staff/mara">{author}</a>, {site}</div>
<figure><img src="ferry.jpg"><figcaption>The morning ferry leaves Harbor City. (Photo by Jon Brandt/Reuters)</figcaption></figure>
{body}
<p>Advertisement</p>
<p>Related: Island residents push for later last ferry</p>
<p>Sign up for our morning newsletter to get the latest local news in your inbox.</p>
{extra_body}
<p>Copyright 2024 Harbor Ledger Media Inc. All rights reserved.</p>
</article>
<footer><p>About us</p><p>Contact</p></footer>
</body></html>"""


def index_page() -> str:
    items = "\n".join(
        f'<li><a href="/news/{i}">{h}</a> <span class="time">{i + 1}h ago</span></li>' for i, h in enumerate(HEADLINES)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Latest news | The Harbor Ledger</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><h1>Latest news</h1><ul class="river">{items}</ul></main>
<footer>The Harbor Ledger</footer></body></html>"""


PRODUCTS = [
    "Driftwood oak side table", "Harbor linen throw", "Lighthouse brass lamp", "Tidewater ceramic mug",
    "Saltmarsh wool rug", "Anchor cotton tote", "Quayside walnut stool", "Foghorn enamel kettle",
    "Pier pine bookshelf", "Gull print cushion", "Beacon glass vase", "Ferry stripe blanket",
]


def shop_page() -> str:
    """A shop category: an intro paragraph, then product cards with prices."""
    cards = "\n".join(
        f'<article class="card"><h3><a href="/p/{i}">{name}</a></h3><p class="price">${19 + i * 7}.99</p>'
        f'<p>Made by hand in small batches, {name.lower()} arrives ready to use.</p></article>'
        for i, name in enumerate(PRODUCTS * 2)
    )
    ld = json.dumps({"@context": "https://schema.org", "@type": "CollectionPage", "name": "Home goods"})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Home goods | Harbor Makers</title>
<meta property="og:type" content="product.group">
<script type="application/ld+json">{ld}</script></head>
<body><nav><a href="/">Shop</a> <a href="/about">About</a></nav>
<main><h1>Home goods</h1>
<p>Our home goods are made by small workshops along the coast, from reclaimed timber and undyed wool,
and every piece is checked by hand before it leaves the harbor warehouse for your door.</p>
<section class="grid">{cards}</section></main>
<footer>Harbor Makers</footer></body></html>"""


def photo_credit_byline_page() -> str:
    """An article whose only 'author' element is the photographer's credit under the picture."""
    page = article_page(author="Mara Ellison")
    # drop every machine-readable author and the byline; keep a credit marked as "author" in a figure
    page = page.replace('<meta name="author" content="Mara Ellison">', "")
    page = page.replace('<div class="byline">By <a rel="author" href="/staff/mara">Mara Ellison</a>, The Harbor Ledger</div>',
                        '<figure><img src="dock.jpg"><figcaption><span class="photo-author">Photo: Jon Brandt</span>'
                        "</figcaption></figure>")
    return page.replace('"author": [{"@type": "Person", "name": "Mara Ellison"}, '
                        '{"@type": "Organization", "name": "The Harbor Ledger"}], ', "")


STORY = [
    "The harbor authority said on Monday that the north pier will close for repairs from June, after divers "
    "found cracks in two of its oldest pilings during a routine survey.",
    "Engineers expect the work to take eleven weeks. Ferries will use the south pier in the meantime, which "
    "adds about four minutes to each crossing, the authority said.",
    "Fishing crews who moor at the north pier were offered berths at the marina at no extra cost, though "
    "several said the marina is too shallow for the larger boats.",
]


def br_story_page() -> str:
    """A story whose paragraphs are separated by <br><br> in one block, not by <p> elements."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>North pier to close for repairs | The Harbor Ledger</title>
<meta property="og:type" content="article"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>North pier to close for repairs</h1>
<div class="story">{'<br><br>'.join(STORY)}</div></article>
<footer>The Harbor Ledger, 12 Quay Street</footer></body></html>"""


def article_with_teasers(extra: str = "") -> str:
    """The ferry story followed by a related-stories box, a teaser card and a site footer line."""
    related = ('<div class="more-stories"><h3>More stories</h3><ul>'
               + "".join(f'<li><a href="/n/{i}">{h}</a></li>' for i, h in enumerate(HEADLINES[:5])) + "</ul></div>")
    teaser = ('<div class="teaser"><a href="/n/9"><h4>Storm closes coastal road for a second day</h4>'
              "<p>Drivers face a long detour as crews clear the rockfall...</p></a></div>")
    footer = '<p class="article-footer">The Harbor Ledger, 12 Quay Street, Harbor City.</p>'
    return article_page(extra_body=related + teaser + footer + extra)


MORE_STORY = [
    "The repairs will be paid from the port's maintenance fund, which the council topped up in March after "
    "a winter of storms left the fund nearly empty.",
    "A public meeting on the closure is set for next Thursday at the harbor library, where engineers will "
    "show the survey photographs and answer questions from residents.",
]


def teaser_list_with_declared_body() -> str:
    """A story page whose HTML shows only a column of teasers; the story itself is in its JSON-LD articleBody."""
    teasers = "\n".join(
        f'<div class="tile"><span>Harbor Life</span><h2><a href="/news/{i}">{h}</a></h2><p>By Dana Whitlock, May {i + 1}, 2024</p></div>'
        for i, h in enumerate(HEADLINES[:12])
    )
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry museum opens on the north pier",
        "datePublished": "2024-05-14", "articleBody": "\n\n".join(STORY + MORE_STORY),
    })
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry museum opens on the north pier | The Harbor Ledger</title>
<script type="application/ld+json">{ld}</script></head>
<body><main><section class="column">{teasers}</section></main><footer>The Harbor Ledger</footer></body></html>"""
