"""End to end: `streamlit run ui/app.py` in a subprocess, driven by Debian's headless Chromium.

One server per module over its own copy of the corpus index (uploads and deletes here do not
touch the index the AppTest tests use); a fresh browser page per test, 1280×900 as a laptop.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image
from playwright import sync_api

from retrieval.settings import Settings
from tests import pdfgen, servers
from tests.ui.conftest import server_env, wait_http

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
AMOUNT_QUESTION = "Vad kostade socialpsykiatriska teamet 2019?"
ACTIVITY_QUESTION = "Vilka aktiviteter fortsatte under 2020?"
GRANT_2019 = 11_608_737  # the 2019 grant as the FSN report's text states it (its table: 11 608 000)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    # Skipped on a developer machine without Chromium; never in CI (.ci/run sets the variable).
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("PLANCHAT_REQUIRE_BROWSER"),
        reason="install Debian's chromium: apt-get install chromium",
    ),
]


@pytest.fixture(scope="module")
def app_index(corpus_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "index"
    shutil.copytree(corpus_index.data_dir, target, ignore=shutil.ignore_patterns("write.lock"))
    return target


@pytest.fixture(scope="module")
def app_url(app_index: Path, repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = servers.free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable, "-m", "streamlit", "run", "ui/app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--client.toolbarMode", "minimal", "--server.maxUploadSize", "50",
    ]  # fmt: skip
    log = tmp_path_factory.mktemp("browser-log") / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=repo_root,
            env=server_env(app_index, {"PLANCHAT_OPEN_WRITES": "true"}),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_http(f"{base}/_stcore/health", proc, log)
        yield base
    finally:
        servers.stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(
    browser: sync_api.Browser, app_url: str, repo_root: Path, request: pytest.FixtureRequest
) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    pg = context.new_page()
    pg.goto(app_url, wait_until="domcontentloaded")
    pg.get_by_test_id("stChatInputTextArea").wait_for(timeout=180_000)  # the first run loads the model
    try:
        yield pg
    finally:
        out_dir = repo_root / "test-output" / "browser"
        out_dir.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(out_dir / f"{request.node.name}.png"))
        context.close()


def _ask(page: sync_api.Page, question: str) -> sync_api.Locator:
    """Ask in the chat box; the new answer's container once it has drawn."""
    before = page.locator('[class*="st-key-answer-"]').count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    answer = page.locator(f".st-key-answer-{2 * before + 1}")
    answer.wait_for(timeout=120_000)
    page.wait_for_timeout(2_000)  # charts, tables and the placing of the view settle
    return answer


def _go(page: sync_api.Page, name: str) -> None:
    page.get_by_test_id("stSidebar").get_by_test_id("stRadioGroup").get_by_text(name, exact=True).click()
    heading = "Fråga om planer och rapporter" if name == "Chatt" else name
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)


def _no_error(page: sync_api.Page) -> None:
    body = page.inner_text("body")
    assert "Traceback" not in body and "oväntat fel" not in body and "Error" not in body, body[:2000]


def _upload(page: sync_api.Page, pdf: Path) -> None:
    _go(page, "Dokument")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(pdf))
    page.get_by_role("button", name="Indexera").click()
    sync_api.expect(page.get_by_text(f"{pdf.name}: tillagd")).to_be_visible(timeout=120_000)


def _kr(text: str) -> list[int]:
    return [int(re.sub(r"\s", "", m)) for m in re.findall(r"(\d{1,3}(?:[\s\u00a0]\d{3})+)[\s\u00a0]kr", text)]


def test_answer_is_what_the_reader_sees_after_asking(page: sync_api.Page) -> None:
    """A long answer first, then the amount question: the view is at the start of the new
    answer, its total in sight, not at the foot of the page."""
    first = _ask(page, ACTIVITY_QUESTION)
    sync_api.expect(first.get_by_text("Aktiviteter som fortsätter 2020", exact=False)).to_be_in_viewport()
    # Activities as one compact table, not a list and then a table; sources folded.
    assert first.locator("table").count() == 1 and first.locator("li").count() == 0
    rows = first.locator("table tbody tr").count()
    assert rows > 10
    message = page.get_by_test_id("stChatMessage").filter(has=first)
    sources = message.get_by_test_id("stExpander").filter(has_text="Källor (")
    assert sources.count() == 1
    cards = int(re.search(r"Källor \((\d+)\)", sources.inner_text()).group(1))  # type: ignore[union-attr]
    downloads = sources.get_by_test_id("stDownloadButton").count()
    assert 0 < downloads < cards  # one download per document, not one per citation

    answer = _ask(page, AMOUNT_QUESTION)
    total = answer.get_by_text(re.compile(r"Totalt 2019: 3\s250\s000\skr"))
    sync_api.expect(total).to_be_in_viewport()
    top = answer.bounding_box()
    assert top is not None and 0 <= top["y"] < VIEWPORT["height"] / 3
    body = page.inner_text("body")
    assert "****" not in body and "Summa:" not in body
    _no_error(page)


def test_pdf_citation_shows_its_page_with_the_quote_marked(
    page: sync_api.Page, app_url: str, tmp_path: Path
) -> None:
    pdf = pdfgen.make_report_pdf(
        tmp_path / "uppfoljning-fosie.pdf", title="Uppföljning av insatser i Fosie 2019"
    )
    _upload(page, pdf)
    _go(page, "Chatt")
    answer = _ask(page, "Hur många nya ärenden tog mottagningsteamet i Fosie emot?")
    sync_api.expect(answer.get_by_text("412 nya ärenden", exact=False)).to_be_in_viewport()

    # The answer's [n] opens the sources and puts the card of the page at the top of the view.
    link = answer.locator('a[href^="#src-"]').first
    link.click()
    card = page.locator(f".st-key-{link.get_attribute('href')[1:]}")  # type: ignore[index]
    sync_api.expect(
        card.get_by_text("Sidan 2 i uppfoljning-fosie.pdf (utdrag)", exact=False)
    ).to_be_in_viewport()
    image = card.get_by_role("img").first
    sync_api.expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    # The image is page 2 with the quoted sentence marked in yellow.
    png = httpx.get(str(image.get_attribute("src")), timeout=30).content
    rgb = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = rgb.size
    yellow = [
        (x, y)
        for y in range(0, h, 3)
        for x in range(0, w, 3)
        if (p := rgb.getpixel((x, y))) and p[0] > 200 and p[1] > 180 and p[2] < 150  # type: ignore[index]
    ]
    assert yellow, "no highlight on the page image"

    # "Öppna originalet på sidan 2" opens the uploaded file itself, at page 2, from this server.
    opener = card.get_by_role("link", name=re.compile("Öppna originalet på sidan 2"))
    href = str(opener.get_attribute("href"))
    assert href.endswith("#page=2")
    got = httpx.get(app_url + href.split("#")[0], timeout=30)
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    assert got.content == pdf.read_bytes()
    _no_error(page)


def test_delete_removes_the_document_and_its_file(
    page: sync_api.Page, app_index: Path, tmp_path: Path
) -> None:
    title = "Plan som ska tas bort 2019"
    pdf = pdfgen.make_report_pdf(tmp_path / "att-ta-bort.pdf", title=title)
    _upload(page, pdf)
    (stored,) = (app_index / "uploads").glob("*-att-ta-bort.pdf")
    count = page.get_by_text(re.compile(r"^\d+ dokument,"))
    before = int(count.inner_text().split()[0])

    page.get_by_test_id("stSelectbox").filter(has_text="Dokument").click()
    page.get_by_role("option", name=title).click()
    page.get_by_text("Ja, ta bort dokumentet ur indexet").click()
    page.get_by_role("button", name="Ta bort", exact=True).click()

    sync_api.expect(page.get_by_text(f"Borttaget: {title}.", exact=False)).to_be_visible(timeout=60_000)
    sync_api.expect(page.get_by_text(f"{before - 1} dokument,", exact=False)).to_be_visible()
    assert not stored.exists()
    assert title not in page.get_by_test_id("stSelectbox").filter(has_text="Dokument").inner_text()
    _no_error(page)


def test_amounts_page_shows_no_figure_above_the_real_grant(page: sync_api.Page) -> None:
    _go(page, "Belopp")
    # The page's own year filter (the sidebar has one too); the page reads a fresh snapshot first.
    year = page.get_by_test_id("stMainBlockContainer").get_by_test_id("stSelectbox").filter(has_text="År")
    year.wait_for(timeout=60_000)
    year.click()
    page.get_by_role("option", name="2019", exact=True).click()
    totals = page.get_by_test_id("stTable")
    sync_api.expect(totals).to_contain_text("11 608 000 kr")
    text = totals.inner_text()
    figures = _kr(text)
    assert figures and max(figures) <= GRANT_2019, text
    body = page.inner_text("body")
    assert "None" not in body and "Summa per år" not in body
    _no_error(page)
