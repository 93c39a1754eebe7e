"""The page at GET / in a real browser (Chromium through Playwright).

Runs against a server that is already running: ATTRIBUTOR_URL (default
http://127.0.0.1:50051). Pastes the seed article (SEED_ARTICLE, default
../shared/data/seed-article.txt from the project root), waits for the
highlights and checks them against the API's own answer, then the speakers
panel, a selected statement, the error shown for an empty submission, and
that the page never asked any other host for anything. Screenshots at 1280
and 360 px wide go to build/.

    python3 -m venv /tmp/pwvenv && /tmp/pwvenv/bin/pip install playwright==1.65.3 pytest==9.2.0
    ATTRIBUTOR_URL=http://127.0.0.1:50051 /tmp/pwvenv/bin/pytest -q tests/web/test_page.py

Needs a `chromium` on PATH (apt-get install chromium); never `playwright install`.
"""

import json
import os
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("ATTRIBUTOR_URL", "http://127.0.0.1:50051").rstrip("/")
# ../shared from a checkout in /work/main, ../../shared from a worktree.
SEED = Path(
    os.environ.get("SEED_ARTICLE")
    or next(
        (
            candidate
            for candidate in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
            if (candidate / "data" / "seed-article.txt").is_file()
        ),
        ROOT.parent / "shared",
    )
    / "data"
    / "seed-article.txt"
)
BUILD = ROOT / "build"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.is_file():
        pytest.skip(f"no seed article at {SEED} (set SEED_ARTICLE)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def api_answer(seed_text):
    """What POST /v1/extract answers for the seed article, outside the page."""
    request = urllib.request.Request(
        URL + "/v1/extract",
        data=json.dumps({"text": seed_text}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("no chromium on PATH")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page in its own context, recording every request and console error."""

    def __init__(self, browser, width, height):
        # Console lines expected from a test's own refused requests.
        self.expected_console = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests = []
        self.console_errors = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        self.page.goto(URL + "/")

    def submit(self, text):
        self.page.fill("#text", text)
        self.page.click("#go")

    def close(self):
        own = urllib.parse.urlsplit(URL).netloc
        others = [u for u in self.requests if urllib.parse.urlsplit(u).netloc != own]
        self.context.close()
        assert others == [], f"requests to other hosts: {others}"
        unexpected = [
            e for e in self.console_errors if not any(x in e for x in self.expected_console)
        ]
        assert unexpected == [], unexpected


@pytest.fixture
def desktop(browser):
    visit = Visit(browser, 1280, 900)
    yield visit
    visit.close()


@pytest.fixture
def phone(browser):
    visit = Visit(browser, 360, 780)
    yield visit
    visit.close()


def highlighted_statements(page):
    return page.eval_on_selector_all(
        "#article .seg.q", "nodes => new Set(nodes.map(n => n.dataset.st)).size"
    )


def test_seed_article_is_highlighted_like_the_api_answers(desktop, seed_text, api_answer):
    page = desktop.page
    desktop.submit(seed_text)
    expect(page.locator("#results")).to_be_visible()
    statements = api_answer["statements"]
    assert len(statements) > 10
    expect(page.locator("#article .seg.first")).to_have_count(len(statements))
    assert highlighted_statements(page) == len(statements)
    expect(page.locator("#summary")).to_contain_text(f"{len(statements)} statements")

    sybiha = page.locator("#speakers button", has_text="Andrii Sybiha")
    expect(sybiha).to_have_count(1)
    expect(sybiha).to_contain_text("Foreign Minister")

    # A statement with a verb and a date, selected with the keyboard.
    index = next(
        i for i, st in enumerate(statements) if st.get("verb") and st.get("timestamp", {}).get("date")
    )
    statement = statements[index]
    head = page.locator(f'#article .seg.first[data-st="{index}"]')
    head.focus()
    page.keyboard.press("Enter")
    detail = page.locator("#detail")
    expect(detail.locator('[data-field="verb"]')).to_contain_text(statement["verb"]["text"])
    expect(detail.locator('[data-field="date"]')).to_contain_text(statement["timestamp"]["date"])
    expect(detail.locator('[data-field="kind"]')).not_to_be_empty()
    expect(page.locator(f'#article .seg.sel[data-st="{index}"]').first).to_be_visible()

    # Another one by mouse.
    page.locator("#article .seg.first").first.click()
    expect(detail.locator("h2")).to_contain_text("Statement 1 of")

    # Only Sybiha's statements stay highlighted once he is selected.
    sybiha.click()
    expect(sybiha).to_have_attribute("aria-pressed", "true")
    his = int(sybiha.locator(".count").inner_text())
    assert his > 0
    shown = page.eval_on_selector_all(
        "#article .seg.q.first:not(.dim)", "nodes => nodes.length"
    )
    assert shown == his
    page.click("#all")
    expect(page.locator("#article .seg.dim")).to_have_count(0)

    dated = sum(1 for st in statements if st.get("timestamp", {}).get("date"))
    expect(page.locator("#timeline button")).to_have_count(dated)
    assert json.loads(page.locator("#json").text_content()) == api_answer

    BUILD.mkdir(exist_ok=True)
    head.click()
    page.evaluate("window.scrollTo(0, document.getElementById('results').offsetTop - 8)")
    page.wait_for_timeout(400)
    page.screenshot(path=str(BUILD / "page-1280.png"), full_page=False)
    page.screenshot(path=str(BUILD / "page-1280-full.png"), full_page=True)


def test_phone_width_fits_and_works(phone, seed_text, api_answer):
    page = phone.page
    phone.submit(seed_text)
    expect(page.locator("#article .seg.first")).to_have_count(len(api_answer["statements"]))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width}px wide on a 360px screen"
    BUILD.mkdir(exist_ok=True)
    page.wait_for_timeout(600)  # the smooth scroll to the results
    page.screenshot(path=str(BUILD / "page-360.png"), full_page=False)
    # The selected statement's details appear over the bottom of the screen.
    page.locator("#article .seg.first").nth(6).click()
    expect(page.locator('#detail [data-field="verb"]')).to_be_in_viewport()
    page.screenshot(path=str(BUILD / "page-360-detail.png"), full_page=False)
    page.keyboard.press("Escape")
    expect(page.locator('#detail [data-field="verb"]')).not_to_be_in_viewport()


def test_empty_submission_shows_an_error(desktop):
    page = desktop.page
    desktop.expected_console.append("status of 400")
    desktop.submit("")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Paste an article first")
    expect(error).to_contain_text("`text` is empty")
    expect(page.locator("#results")).to_be_hidden()
    expect(page.locator("#go")).to_be_enabled()
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "page-1280-error.png"), full_page=False)


def status_body(code, name, message):
    return json.dumps({"code": code, "status": name, "message": message})


@pytest.mark.parametrize(
    "http, headers, body, shown",
    [
        (413, {}, status_body(8, "RESOURCE_EXHAUSTED", "request too large"), "too large"),
        (503, {"retry-after": "2"}, status_body(8, "RESOURCE_EXHAUSTED", "server overloaded"), "in 2 s"),
        (504, {}, status_body(4, "DEADLINE_EXCEEDED", "the deadline passed"), "ran out of time"),
        (500, {}, "<html>proxy error</html>", "answered 500"),
    ],
)
def test_server_refusals_are_explained(desktop, http, headers, body, shown):
    """The server's other refusals, answered by the browser's router (the
    real server would need a special setup for each)."""
    page = desktop.page
    desktop.expected_console.append(f"status of {http}")
    page.route(
        "**/v1/extract",
        lambda route: route.fulfill(status=http, headers=headers, body=body),
    )
    desktop.submit("Keller said it was fine.")
    error = page.locator("#error")
    expect(error).to_contain_text(shown)
    expect(page.locator("#go")).to_be_enabled()


def test_auth_required_asks_for_a_token_and_sends_it(desktop):
    page = desktop.page
    desktop.expected_console.append("status of 401")
    sent = []

    def answer(route):
        authorization = route.request.headers.get("authorization")
        sent.append(authorization)
        if authorization != "Bearer s3cret":
            route.fulfill(status=401, body=status_body(16, "UNAUTHENTICATED", "missing token"))
        else:
            route.continue_(headers={k: v for k, v in route.request.headers.items() if k != "authorization"})

    page.route("**/v1/extract", answer)
    desktop.submit("“We are ready,” Maria Keller said on Tuesday.")
    expect(page.locator("#error")).to_contain_text("needs an access token")
    token = page.locator("#token")
    expect(token).to_be_visible()
    expect(token).to_be_focused()
    token.fill("s3cret")
    page.click("#go")
    expect(page.locator("#article .seg.first")).to_have_count(1)
    expect(page.locator("#error")).to_be_hidden()
    assert sent == [None, "Bearer s3cret"]


def test_unreachable_server_is_explained(desktop):
    page = desktop.page
    desktop.expected_console.append("net::ERR_FAILED")
    page.route("**/v1/extract", lambda route: route.abort())
    desktop.submit("Keller said it was fine.")
    expect(page.locator("#error")).to_contain_text("Cannot reach the server")
