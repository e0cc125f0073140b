"""Fictional pages of the kinds the article gate tells apart (no real site's markup or text).

A guide with little markup (an article all the same), a product page, a
listing of cards, a forum thread and a manual's page.
"""

from __future__ import annotations

import json

GUIDE = [
    "Winter is the quiet season on the island, and the small harbor at Gullstone is at its best when the "
    "ferries run only twice a day and the cafes keep their shutters half down against the wind.",
    "Start at the old customs house, where a plaque tells how the harbor was dredged by hand in the "
    "eighteen-nineties, then walk the sea wall north until the path turns inland past the net sheds.",
    "The net sheds are still used by three families who fish for crab in the spring; in winter the doors "
    "stand open and the owners will usually explain how the pots are mended if you ask politely.",
    "Beyond the sheds the path climbs to the lookout, a stone bench with a view over the whole bay. On a "
    "clear morning you can see the lighthouse on Tern Rock and, further out, the outline of the mainland.",
    "Come back down by the lane behind the chapel and finish at the bakery on Quay Street, which opens at "
    "seven and sells the island's rye loaves until they run out, usually before ten on a Saturday.",
]


def guide_page() -> str:
    """A walking guide with no JSON-LD, no og:type, no byline and no date: nothing but long paragraphs."""
    body = "\n".join(f"<p>{p}</p>" for p in GUIDE)
    return f"""<html><head><title>A winter walk around Gullstone harbor</title></head>
<body><header><a href="/">Island Walks</a> <nav><a href="/walks">Walks</a> <a href="/maps">Maps</a></nav></header>
<main><h1>A winter walk around Gullstone harbor</h1>{body}</main>
<footer><p>Island Walks is written by volunteers.</p></footer></body></html>"""


def product_page() -> str:
    """A shop's product page marked up with microdata only (no JSON-LD, no og:type)."""
    reviews = "\n".join(
        f'<li class="review"><span>{n} out of 5 stars</span> <p>{t}</p></li>'
        for n, t in ((5, "Sturdy and light."), (4, "Good lamp, the cord is short."), (5, "Looks great on my desk."))
    )
    return f"""<html><head><title>Driftwood desk lamp</title></head><body>
<div itemscope itemtype="https://schema.org/Product">
<h1 itemprop="name">Driftwood desk lamp</h1>
<p itemprop="description">A desk lamp with a driftwood base and a linen shade, made by hand in our workshop on the
coast; each base is a different shape, so yours will not look exactly like the photo.</p>
<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">$89.00</span>
<span>In stock</span> <span>SKU DL-204</span></div>
<label>Quantity <input type="number" name="qty" value="1"></label>
<button>Add to cart</button> <button>Add to wishlist</button>
<p>Free shipping on orders over $50. Compare with the <a href="/p/reading-lamp">reading lamp</a>.</p>
<h2>Reviews</h2><ul>{reviews}</ul></div></body></html>"""


CARDS = [
    ("Harbor council delays vote on ferry fares", "/news/harbor-council-delays-vote"),
    ("Storm closes coastal road for a second day", "/news/storm-closes-coastal-road"),
    ("Local bakery wins regional bread prize", "/news/bakery-wins-bread-prize"),
    ("School board names new superintendent", "/news/school-board-superintendent"),
    ("Museum reopens after two-year renovation", "/news/museum-reopens"),
    ("River cleanup draws hundreds of volunteers", "/news/river-cleanup"),
    ("City budget gap narrows after tax revenue rise", "/news/budget-gap-narrows"),
    ("Hospital expands night clinic hours", "/news/night-clinic-hours"),
]


def listing_page() -> str:
    """A section's list of stories: cards of a linked headline and a teaser of a sentence, an ItemList in JSON-LD."""
    cards = "\n".join(
        f'<div class="card"><h3><a href="{href}">{title}</a></h3>'
        f"<p>{title}: what was decided, who spoke, and what happens next in the harbor town.</p></div>"
        for title, href in CARDS
    )
    ld = json.dumps({"@context": "https://schema.org", "@type": "ItemList",
                     "itemListElement": [{"@type": "ListItem", "position": n + 1, "url": href}
                                         for n, (_, href) in enumerate(CARDS)]})
    return f"""<html><head><title>Local news</title><script type="application/ld+json">{ld}</script></head>
<body><h1>Local news</h1>{cards}<a rel="next" href="?page=2">Next page</a></body></html>"""


POSTS = [
    ("wavewatcher", "Does anyone know whether the early ferry still runs in December? The timetable on the pier "
     "says it does, but the booking site shows nothing before nine in the morning for the whole month."),
    ("portside_pete", "It ran last winter, but only on weekdays. I would call the harbor office to make sure, "
     "they answer the phone until four and were helpful when I asked about the car deck."),
    ("gullstone_anna", "Ran this morning, I was on it. Weekdays only as Pete says; the Saturday boat leaves at ten "
     "and the cafe on board is closed until the spring, so bring your own coffee."),
]


def forum_page() -> str:
    """A thread: each post a DiscussionForumPosting in microdata, with its author, a time and a reply button."""
    posts = "\n".join(
        f'<article itemscope itemtype="https://schema.org/DiscussionForumPosting">'
        f'<span itemprop="author">{user}</span> <time datetime="2024-12-0{n + 2}T0{n + 7}:15">Dec {n + 2}</time>'
        f'<div itemprop="text"><p>{text}</p></div><button>Reply</button> <span>Posts: {12 * (n + 1)}</span></article>'
        for n, (user, text) in enumerate(POSTS)
    )
    return f"""<html><head><title>Early ferry in December?</title></head>
<body><h1>Early ferry in December?</h1>{posts}</body></html>"""


def docs_page() -> str:
    """A manual's page: running text that names functions in <code>, and code blocks."""
    return """<html><head><title>Scheduling crossings</title></head><body>
<nav><ul><li><a href="/docs/install">Install</a></li><li><a href="/docs/schedule">Scheduling</a></li></ul></nav>
<main><h1>Scheduling crossings</h1>
<p>Call <code>schedule_crossing()</code> with a <code>Route</code> and a departure time to add a crossing to the
timetable; it returns a <code>Crossing</code> whose <code>id</code> you keep to change or cancel it later on.</p>
<pre><code>crossing = schedule_crossing(route, departs="07:10")</code></pre>
<p>To move a crossing, pass its <code>id</code> to <code>reschedule()</code> with the new time. A crossing that
already has bookings is moved only when <code>notify=True</code> is given, so that passengers are told of it.</p>
<pre><code>reschedule(crossing.id, departs="07:40", notify=True)</code></pre>
<p>Cancelled crossings stay in the timetable with <code>status="cancelled"</code>; call <code>purge()</code> to
remove them once their day has passed, which the nightly job of the <code>harbor-admin</code> tool does.</p>
</main></body></html>"""
