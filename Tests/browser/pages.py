"""Each role's main task through labnet's web pages, in real headless Chromium.

Run by Tests/LabNetCommandsTests/PageTests.swift against a live `labnet serve`
with the clock fixed (LABNET_NOW); the Swift test then checks the store. Input:
one JSON object on stdin (the server's URL, logins, ids); output: one JSON
object on stdout (what the pages made). Fails (exit 1, the reason on stderr)
on any step not seen on the page, on any browser console error, and on any
hostile name that arrives in the DOM as markup.

Screenshots of every page at 1280 and 390 px go to $LABNET_SCREENSHOTS when set
(docs/screenshots/ is made that way).
"""

import csv
import io
import json
import os
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

given = json.load(sys.stdin)
BASE = given["url"]
SHOTS = os.environ.get("LABNET_SCREENSHOTS")
made = {}


class Failed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


def browser():
    options = Options()
    options.binary_location = os.environ.get("LABNET_CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", "--window-size=1280,900", "--lang=zh-CN",
                     "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("LABNET_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


driver = browser()
#  Console lines a step expects (a refused form answers 409: Chromium logs it,
#  sometimes only by the next page); the step clears them once past.
allowed = []


def console_clean(where):
    problems = []
    for entry in driver.get_log("browser"):
        if entry["level"] not in ("SEVERE", "ERROR"):
            continue
        if any(text in entry["message"] for text in allowed):
            continue
        problems.append(entry["message"])
    expect(not problems, f"console errors on {where}: {problems}")


def no_markup(where):
    """No hostile value became markup: the pages have no scripts, no images."""
    scripts = driver.find_elements(By.TAG_NAME, "script")
    images = driver.find_elements(By.TAG_NAME, "img")
    handlers = driver.execute_script(
        "return [...document.querySelectorAll('*')].filter(e => [...e.attributes]"
        ".some(a => a.name.startsWith('on'))).length")
    expect(not scripts and not images and handlers == 0,
           f"markup from a typed value on {where}: {len(scripts)} script, "
           f"{len(images)} img, {handlers} elements with on* handlers")


def go(element):
    """Clicks a link or a form's button and waits for the next page: a click
    returns before the browser has left the old page."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def left(_):
        # Chromium answers a gone node either way: stale, or "does not belong
        # to the document" (an inspector error), which Selenium's
        # staleness_of does not take for stale.
        try:
            old.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    WebDriverWait(driver, 30).until(left)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def settle(where):
    console_clean(where)
    no_markup(where)


def open_page(path):
    driver.get(BASE + path)
    settle(path)


def text():
    return driver.find_element(By.TAG_NAME, "body").text


def shot(name):
    if not SHOTS:
        return
    os.makedirs(SHOTS, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(max(height + 120, 700), 2400))
    driver.save_screenshot(os.path.join(SHOTS, f"{name}-{width}.png"))
    driver.set_window_size(width, 900)


def sign_in(login):
    open_page("/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(given["passwords"][login])
    go(driver.find_element(By.ID, "sign-in"))
    settle("sign-in")
    who = driver.find_elements(By.CSS_SELECTOR, ".signed-in")
    expect(who and who[0].get_attribute("data-login") == login,
           f"{login} is not shown as signed in after /login")


def sign_out():
    go(driver.find_element(By.ID, "logout"))
    settle("sign-out")
    expect(not driver.find_elements(By.CSS_SELECTOR, ".signed-in"), "still signed in")


def notice():
    found = driver.find_elements(By.ID, "notice")
    return found[0].text if found else ""


def row(selector):
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    expect(found, f"no {selector} on {driver.current_url}")
    return found[0]


def researcher():
    login = given["researcher"]
    instrument = given["open_instrument"]
    open_page("/")
    expect(driver.find_element(By.ID, "headline").text, "no headline figures")
    shot("search-anonymous")
    sign_in(login)
    # Search the network: Shanghai, analytical instruments, two hours.
    Select(driver.find_element(By.ID, "province")).select_by_value("SH")
    Select(driver.find_element(By.ID, "category")).select_by_value("analytical")
    duration = driver.find_element(By.ID, "duration")
    duration.clear()
    duration.send_keys("2h")
    go(driver.find_element(By.ID, "search"))
    settle("search")
    expect("province=SH" in driver.current_url, "the search form did not send the province")
    result = row(f"#runs tr[data-instrument='{instrument}']")
    expect(given["hostile_unit"] in text(), "the hostile unit name is not shown as text")
    shot("search")
    # Open the instrument: the week grid, with li's booking taken and no names.
    go(result.find_element(By.CSS_SELECTOR, "a.instrument-link"))
    settle("instrument")
    expect(driver.find_element(By.TAG_NAME, "h1").text == given["open_name"],
           "the instrument page is not the instrument's")
    taken = driver.find_elements(By.CSS_SELECTOR, f"td[data-start='{given['taken_cell']}']")
    expect(taken and taken[0].get_attribute("data-state") == "taken",
           f"li's booking at {given['taken_cell']} is not shown as taken")
    page = text()
    for secret in given["never_shown"]:
        expect(secret not in page, f"the instrument page shows {secret!r}")
    shot("instrument")
    # The refusal of a taken time, in the API's words.
    open_page(f"/instruments/{instrument}/book?from={given['taken_from']}&to={given['taken_to']}")
    allowed.append("409")
    go(driver.find_element(By.ID, "confirm-booking"))
    settle("refused booking")
    error = driver.find_element(By.ID, "error").text
    expect("taken" in error, f"the refusal does not say the time is taken: {error!r}")
    made["refusal"] = error
    driver.get(BASE + "/")
    settle("after the refusal")
    allowed.clear()
    # Book a free cell.
    driver.get(BASE + f"/instruments/{instrument}?week={given['week']}")
    settle("instrument again")
    go(driver.find_element(By.CSS_SELECTOR, f"td[data-start='{given['free_cell']}'] a"))
    settle("booking form")
    expect(driver.find_element(By.ID, "from").get_attribute("value") == given["free_cell"].replace(" ", "T"),
           "the booking form does not start at the cell")
    driver.find_element(By.ID, "purpose").send_keys(given["hostile_purpose"])
    shot("book")
    go(driver.find_element(By.ID, "confirm-booking"))
    settle("booked")
    expect(notice().startswith(("已预约", "Booked")), f"no booked notice: {notice()!r}")
    booking = driver.find_elements(By.CSS_SELECTOR, "#bookings tr[data-status='confirmed']")
    expect(booking, "the new booking is not in /bookings as confirmed")
    booking_id = booking[0].get_attribute("data-booking")
    made["booked"] = int(booking_id)
    # Pay with the company's voucher.
    line = row(f"#booking-{booking_id}")
    line.find_element(By.CSS_SELECTOR, "form.pay input[name='code']").send_keys(given["voucher"])
    go(line.find_element(By.CSS_SELECTOR, "form.pay button"))
    settle("paid")
    expect(notice().startswith(("已用券支付", "Paid")), f"no paid notice: {notice()!r}")
    paid = row(f"#booking-{booking_id}").find_elements(By.CSS_SELECTOR, "td.number")[1].text
    expect(paid not in ("", "0.00"), f"the voucher paid nothing: {paid!r}")
    made["paid_yuan"] = paid
    shot("bookings")
    # The voucher's ledger.
    open_page("/vouchers")
    go(row(f"#vouchers tr[data-key='{given['voucher']}'] a"))
    settle("ledger")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "#ledger tbody tr")) >= 2,
           "the ledger does not show the issue and the payment")
    shot("vouchers")
    # Move it a day later, the same hours: the same booking, the voucher kept.
    open_page("/bookings")
    form = row(f"#booking-{booking_id} form.move")
    for name in ("from", "to"):
        field = form.find_element(By.CSS_SELECTOR, f"input[name='{name}']")
        moved = field.get_attribute("value").replace(given["move_day"], given["move_to_day"])
        driver.execute_script("arguments[0].value = arguments[1]", field, moved)
    go(form.find_element(By.CSS_SELECTOR, "button"))
    settle("moved")
    expect(notice().startswith(("已改期", "Moved")), f"no moved notice: {notice()!r}")
    line = row(f"#booking-{booking_id}")
    expect(given["move_to_day"] in line.text, f"the booking is not on the new day: {line.text!r}")
    expect(line.find_elements(By.CSS_SELECTOR, "td.number")[1].text == paid,
           "the move did not keep what the voucher paid")
    # Cancel it.
    open_page("/bookings")
    go(row(f"#booking-{booking_id} form.cancel button"))
    settle("cancelled")
    expect(row(f"#booking-{booking_id}").get_attribute("data-status") == "cancelled",
           "the booking is not cancelled on /bookings")
    sign_out()


def manager():
    sign_in(given["manager"])
    open_page("/manage")
    approve, reject = given["approve"], given["reject"]
    expect(driver.find_elements(By.CSS_SELECTOR, f"#pending-{approve}"), "no pending booking to approve")
    expect(given["hostile_purpose"] in row(f"#pending-{reject}").text,
           "the hostile purpose is not shown as text")
    shot("manage")
    go(row(f"#pending-{approve} form.approve button"))
    settle("approved")
    expect(notice().startswith(("已批准", "Approved")), f"no approved notice: {notice()!r}")
    expect(not driver.find_elements(By.CSS_SELECTOR, f"#pending-{approve}"), "still pending")
    form = row(f"#pending-{reject} form.reject")
    form.find_element(By.NAME, "reason").send_keys(given["reject_reason"])
    go(form.find_element(By.TAG_NAME, "button"))
    settle("rejected")
    expect(notice().startswith(("已驳回", "Rejected")), f"no rejected notice: {notice()!r}")
    # Actual use of this morning's booking, then the no-show.
    form = row(f"#upcoming-{given['complete']} form.complete")
    for name, value in (("from", given["used_from"]), ("to", given["used_to"])):
        field = form.find_element(By.NAME, name)
        driver.execute_script("arguments[0].value = arguments[1]", field, value)
    go(form.find_element(By.TAG_NAME, "button"))
    settle("use recorded")
    expect(row(f"#upcoming-{given['complete']}").get_attribute("data-status") == "completed",
           "the booking is not completed")
    go(row(f"#upcoming-{given['no_show']} form.no-show button"))
    settle("no-show")
    expect(row(f"#upcoming-{given['no_show']}").get_attribute("data-status") == "no_show",
           "the booking is not a no-show")
    # A maintenance block, added then removed.
    Select(driver.find_element(By.ID, "block-instrument")).select_by_value(str(given["open_instrument"]))
    for name, value in (("block-from", given["block_from"]), ("block-to", given["block_to"])):
        driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, name), value)
    driver.find_element(By.ID, "block-reason").send_keys("保养")
    go(driver.find_element(By.ID, "add-block"))
    settle("blocked")
    expect(notice().startswith(("已添加", "Maintenance block added")), f"no block notice: {notice()!r}")
    blocks = driver.find_elements(By.CSS_SELECTOR, "#blocks li")
    expect(len(blocks) == 1 and "保养" in blocks[0].text, "the block is not listed")
    made["block"] = int(blocks[0].get_attribute("data-block"))
    go(blocks[0].find_element(By.CSS_SELECTOR, "form.remove-block button"))
    settle("unblocked")
    expect(not driver.find_elements(By.CSS_SELECTOR, "#blocks li"), "the block is still listed")
    sign_out()


def auditor():
    sign_in(given["auditor"])
    open_page("/reports?by=unit")
    charts = driver.find_elements(By.CSS_SELECTOR, "#usage-report svg[data-chart]")
    expect(len(charts) >= 3, f"{len(charts)} usage charts on /reports")
    expect(driver.find_elements(By.CSS_SELECTOR, "#usage-report svg rect.bar"), "the charts have no bars")
    shot("reports")
    link = driver.find_element(By.ID, "download-usage").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(link, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as answer:
        expect(answer.headers.get("Content-Type", "").startswith("text/csv"), "the download is not CSV")
        rows = list(csv.DictReader(io.StringIO(answer.read().decode("utf-8-sig"))))
    expect(rows and "bookings" in rows[0] and rows[-1]["group"] == "all",
           f"the usage CSV does not parse: {rows[:1]}")
    groups = [r for r in rows if r["group"] != "all"]
    expect(sum(int(r["bookings"]) for r in groups) == int(rows[-1]["bookings"]),
           "the usage CSV's rows do not add up to its total")
    made["csv_rows"] = len(groups)
    made["csv_bookings"] = int(rows[-1]["bookings"])


def phone():
    """Every page at 390 px: nothing wider than the screen but scrolled tables."""
    driver.set_window_size(390, 900)
    pages = [("search", "/"), ("instrument", f"/instruments/{given['open_instrument']}?week={given['week']}"),
             ("login", "/login")]
    for name, path in pages:
        open_page(path)
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        expect(wide <= 392, f"{path} is {wide} px wide at 390 px")
        shot(name)
    for login, signed in ((given["researcher"], [("bookings", "/bookings"), ("vouchers", "/vouchers")]),
                          (given["manager"], [("manage", "/manage")]),
                          (given["auditor"], [("reports", "/reports?by=unit")])):
        sign_in(login)
        for name, path in signed:
            open_page(path)
            wide = driver.execute_script("return document.documentElement.scrollWidth")
            expect(wide <= 392, f"{path} is {wide} px wide at 390 px")
            shot(name)
        sign_out()
    driver.set_window_size(1280, 900)
    open_page("/login")
    shot("login")


try:
    researcher()
    manager()
    auditor()
    # The English switch.
    open_page("/")
    go(driver.find_element(By.ID, "language"))
    settle("English")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
           and "Find a free instrument" in text(), "the English switch did not switch")
    go(driver.find_element(By.ID, "language"))
    settle("Chinese")
    phone()
except Failed as failure:
    print(f"browser test failed at {driver.current_url}: {failure}", file=sys.stderr)
    sys.exit(1)
finally:
    driver.quit()
print(json.dumps(made, ensure_ascii=False))
