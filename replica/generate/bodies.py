"""Lazy article bodies: composed on first use from the article's own RNG, kept in an LRU cache."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import lru_cache

from replica.generate import fixed_articles, planted
from replica.generate.filler import Filler, person
from replica.model.articles import Article
from replica.model.body_blocks import Body, Mark, Para, Picture
from replica.words import prose

INDENTS = (
    "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;",
    "\xa0\xa0\xa0\xa0\xa0\xa0",
    "&nbsp; &nbsp; &nbsp;",
    "&nbsp; &nbsp; &nbsp; &nbsp;",
    "",
)
SPAN_STYLES = (
    'style="font-size: 14pt;"',
    'style="font-family: &quot;Times New Roman&quot;, serif;"',
    'lang="VI"',
    'style="font-size:14.0pt;line-height:115%"',
    'style="color: rgb(0, 0, 0);"',
)
REFS = (
    ("khai giảng", "lễ khai giảng"),
    ("bế giảng", "lễ bế giảng"),
    ("hội nghị", "hội nghị"),
    ("hội thảo", "hội thảo"),
    ("nghiên cứu thực tế", "chuyến nghiên cứu thực tế"),
    ("sinh hoạt", "buổi sinh hoạt"),
    ("làm việc", "buổi làm việc"),
    ("dâng hương", "buổi lễ"),
    ("hội thi", "hội thi"),
    ("giải", "giải đấu"),
    ("tọa đàm", "buổi tọa đàm"),
    ("tập huấn", "lớp tập huấn"),
    ("lễ", "buổi lễ"),
    ("nghiệm thu", "buổi nghiệm thu"),
    ("xét duyệt", "buổi xét duyệt"),
)


EDIT_NOTE = " Bài viết được cập nhật, bổ sung thông tin sau khi đăng."
DOWNLOAD = "Tải về: "


@lru_cache(maxsize=2048)
def body_of(article: Article) -> Body:
    body = _base_body(article)
    blocks = list(body.blocks)
    if article.revision:
        first = next(i for i, b in enumerate(blocks) if isinstance(b, Para) and b.text)
        blocks[first] = replace(blocks[first], text=blocks[first].text + EDIT_NOTE)
    for file in article.files:
        start = len(DOWNLOAD)
        link = Mark(start, start + len(file.label), "a", f'href="{file.path}"')
        blocks.append(Para(DOWNLOAD + file.label, marks=(link,)))
    return Body(tuple(blocks), body.credit)


def _base_body(article: Article) -> Body:
    if article.body_seed == "seed":
        return fixed_articles.seed_body()
    rng = random.Random(article.body_seed)
    ref = next((ref for word, ref in REFS if word in article.topic.lower()), "chương trình")
    filler = Filler(rng, article.published, sticky=False, topic=article.topic, ref=ref)
    texts = _news_texts(rng, filler) if article.kind == "news" else _essay_texts(rng, filler)
    paras = _dress(rng, texts)
    blocks: list[Para | Picture] = list(paras)
    for number, url in enumerate(article.image_urls):
        caption = filler.sentence(rng.choice(prose.CAPTIONS))
        caption_para = Para(
            caption, style="text-align: center;", marks=(Mark(0, len(caption), "em"),)
        )
        blocks.insert(
            min(len(blocks), 1 + 2 * number + (article.kind == "news")), Picture(url, caption_para)
        )
    _add_spacers(rng, blocks)
    credit = None
    if article.author_form == "credit":
        credit = f"(Tin: {article.author}; Ảnh: {person(rng)})"
    body = Body(tuple(blocks), credit)
    return planted.plant(body) if article.key == planted.PLANTED_KEY else body


def _deal(rng: random.Random, bank: tuple[str, ...]) -> list[str]:
    """A shuffled deck of sentence templates, so one body never repeats a template."""
    deck = list(bank)
    rng.shuffle(deck)
    return deck


def _sentences(rng: random.Random, filler: Filler, deck: list[str], low: int, high: int) -> str:
    count = min(rng.randint(low, high), len(deck))
    return " ".join(filler.sentence(deck.pop()) for _ in range(count))


def _news_texts(rng: random.Random, filler: Filler) -> list[str]:
    deck = _deal(rng, prose.NEWS_SENTENCES)
    lead = filler.sentence(rng.choice(prose.NEWS_LEADS))
    if rng.random() < 0.5:
        lead += " " + _sentences(rng, filler, deck, 1, 1)
    texts = [lead, filler.sentence(rng.choice(prose.NEWS_ATTENDANCE))]
    for _ in range(rng.randint(1, 10)):
        if not deck:
            break
        texts.append(_sentences(rng, filler, deck, 1, 3))
    texts.append(filler.sentence(rng.choice(prose.NEWS_CLOSINGS)))
    return texts


def _essay_texts(rng: random.Random, filler: Filler) -> list[str]:
    deck = _deal(rng, prose.ESSAY_SENTENCES)
    texts = [filler.sentence(rng.choice(prose.ESSAY_INTROS))]
    if rng.random() < 0.5:
        texts.append(_sentences(rng, filler, deck, 2, 3))
    markers = rng.choice(prose.ESSAY_MARKERS)
    points = rng.sample(prose.ESSAY_POINTS, k=rng.randint(2, 5))
    room = 13 - len(texts) - len(points)
    for marker, point in zip(markers, points, strict=False):
        gap = "\xa0" if rng.random() < 0.5 else " "
        texts.append(f"{marker},{gap}{filler.fill(point)}.")
        for _ in range(min(room, rng.randint(0, 2))):
            if len(deck) < 2:
                break
            texts.append(_sentences(rng, filler, deck, 2, 3))
            room -= 1
    texts.append(filler.sentence(rng.choice(prose.ESSAY_CONCLUSIONS)))
    return texts


def _dress(rng: random.Random, texts: list[str]) -> list[Para]:
    """Give each text its markup: NBSP indentation, stray tails, glued and styled spans."""
    indent = rng.choice(INDENTS)
    first_plain = rng.random() < 0.4
    glue_rate = rng.choice((0.0, 0.15, 0.3, 0.5))
    paras = []
    for number, text in enumerate(texts):
        own_indent = "" if (number == 0 and first_plain) or rng.random() < 0.08 else indent
        tail = rng.choice(("&nbsp;", " ", "")) if rng.random() < 0.1 else ""
        marks: tuple[Mark, ...] = ()
        if rng.random() < glue_rate:
            text, marks = _glue(rng, text)
        elif text.startswith(("Thứ ", "Một là", "Hai là", "Ba là", "Bốn là", "Năm là")):
            marks = (Mark(0, text.index(",") + 1, rng.choice(("strong", "em"))),)
        elif rng.random() < 0.1:
            marks = (Mark(0, len(text), "span", rng.choice(SPAN_STYLES)),)
        paras.append(Para(text, own_indent, tail, marks))
    return paras


def _glue(rng: random.Random, text: str) -> tuple[str, tuple[Mark, ...]]:
    """Drop one inter-word space and wrap the next words in a span: ``sau<span>đại dịch</span>``."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if len(spaces) < 6:
        return text, ()
    pick = rng.randrange(2, len(spaces) - 3)
    cut = spaces[pick]
    end = spaces[min(pick + rng.randint(1, 3), len(spaces) - 1)]
    glued = text[:cut] + text[cut + 1 :]
    return glued, (Mark(cut, end - 1, "span", rng.choice(SPAN_STYLES)),)


def _add_spacers(rng: random.Random, blocks: list[Para | Picture]) -> None:
    """Empty ``<p>&nbsp;</p>`` lines some editors leave between paragraphs."""
    if rng.random() < 0.25:
        for _ in range(rng.randint(1, 3)):
            blocks.insert(rng.randint(1, len(blocks)), Para("", "&nbsp;", style=""))
