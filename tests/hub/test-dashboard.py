#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hub's dashboard in a real browser: a real charta-hub on 127.0.0.1 with two cities'
reports (one city's registry name and another's action title are hostile HTML) and a
reader's token; headless Chromium, driven by Selenium, signs in through the form, loads
every page and checks the rendered DOM; the answers' headers and the cookie are checked
on the wire. Screenshots go to $CHARTA_SCREENSHOTS (default: the test's build folder).
TAP output; exits 77 (skipped) when Chromium or Selenium is missing."""
import gzip
import http.client
import json
import os
import random
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

HUB = os.environ.get("CHARTA_HUB_BIN", "_build/src/hub/charta-hub")
CLI = os.environ.get("CHARTA_CLI_BIN", "_build/src/cli/charta-cli")
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
HOSTILE_NAME = '<script>document.title="pwned"</script> & Co'
HOSTILE_ACTION = '<img src=x id=pwned> "quoted"'

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    print("1..0 # SKIP python3-selenium is not installed")
    sys.exit(77)
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    print("1..0 # SKIP chromium and chromium-driver are not installed")
    sys.exit(77)

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}" + (f" # {detail}" if detail and not ok else ""))
    sys.stdout.flush()


def run(*args, env=None, input=None):
    return subprocess.run(list(args), check=True, capture_output=True, text=True, env=env, input=input).stdout


def make_project(rng, items, name, secret_action):
    return {
        "format": "charta-project",
        "version": 1,
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "city": {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "name": name},
        "period": {"start": "2023-01-01", "end": "2024-12-31"},
        "frameworks": ["charter"],
        "assessments": {item: {"level": rng.randint(1, scale)} for item, scale in items},
        "actions": [
            {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": secret_action,
             "status": "in-progress", "due": "2024-09-30", "progress": 40},
            {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": f"Done action of {name}",
             "status": "done"},
        ],
        "measures": [
            {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": f"Measure of {name}",
             "unit": "%", "direction": "increase",
             "baseline": {"date": "2023-01-01", "value": 10},
             "target": {"date": "2026-12-31", "value": 20},
             "actuals": [{"date": "2024-06-01", "value": 14}]},
            {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": f"Renewable share of {name}",
             "unit": "%", "direction": "increase",
             "baseline": {"date": "2023-01-01", "value": 12.1},
             "target": {"date": "2026-12-31", "value": 30},
             "actuals": [{"date": "2024-06-01", "value": 15.25}]},
        ],
    }


def start_hub(data, *extra):
    env = dict(os.environ)
    proc = subprocess.Popen([HUB, "serve", "--listen", "127.0.0.1:0", "--data", data, "--rate-limit", "0",
                             "--address-rate-limit", "0", *extra], stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        raise RuntimeError(f"the hub did not start: {line!r}")
    return proc, line.split("listening on ")[1].strip().rstrip("/")


def request(url, method="GET", path="/", headers=None, body=None):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    answer = conn.getresponse()
    raw = answer.read()
    if answer.getheader("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", "replace")
    conn.close()
    return answer, text


def browser(lang, work):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,1000",
                f"--user-data-dir={tempfile.mkdtemp(dir=work)}", f"--lang={lang}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def sign_in(driver, url, token):
    driver.get(url + "/login")
    field = driver.find_element(By.ID, "token")
    field.send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
    for _ in range(150):
        if not driver.current_url.endswith("/login") or driver.find_elements(By.CSS_SELECTOR, ".error"):
            break
        time.sleep(0.1)


def screenshot(driver, shots, name):
    """The whole page, up to 2400 pixels high."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1200, min(max(height + 200, 600), 2600))
    driver.save_screenshot(os.path.join(shots, name))
    driver.set_window_size(1200, 1000)


def texts(driver, selector):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def main():
    work = tempfile.mkdtemp(prefix="charta-dashboard-")
    shots = os.environ.get("CHARTA_SCREENSHOTS") or os.environ.get("G_TEST_BUILDDIR") or work
    procs = []
    drivers = []
    try:
        frameworks = json.loads(run(CLI, "frameworks", "--json"))["frameworks"]
        charter = next(f for f in frameworks if f["id"] == "charter")
        items = [(i["id"], len(charter["scale"])) for i in charter["items"] if i["kind"] == "commitment"][:8]
        data = os.path.join(work, "data")
        xdg = os.path.join(work, "xdg")
        cities = {}
        for key, name, action, seed in (("a", "Aalst", HOSTILE_ACTION, 1), ("b", "Bruges", "Secret plan of Bruges", 2)):
            path = os.path.join(work, f"{key}.charta")
            project = make_project(random.Random(seed), items, name, action)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(project, f, indent=2)
            cities[key] = {"path": path, "id": project["city"]["id"], "name": name, "project": project}
        cities["a"]["token"] = run(HUB, "token", "add", "--data", data, "--city", cities["a"]["id"],
                                   "--name", "Aalst").strip()
        cities["b"]["token"] = run(HUB, "token", "add", "--data", data, "--city", cities["b"]["id"],
                                   "--name", HOSTILE_NAME).strip()
        reader = run(HUB, "token", "add", "--data", data, "--reader", "--name", "Secretariat").strip()
        hub, url = start_hub(data)
        procs.append(hub)
        for key, periods in (("a", ["2023", "2024"]), ("b", ["2024"])):
            for period in periods:
                env = dict(os.environ, CHARTA_TOKEN=cities[key]["token"], XDG_DATA_HOME=xdg)
                # A year earlier the city stood lower: one level less on every item.
                project = dict(cities[key]["project"])
                project["assessments"] = {item_id: {"level": max(1, a["level"] - (period == "2023"))}
                                          for item_id, a in cities[key]["project"]["assessments"].items()}
                with open(cities[key]["path"], "w", encoding="utf-8") as f:
                    json.dump(project, f, indent=2)
                run(CLI, "push", cities[key]["path"], "--endpoint", url + "/", "--period", period,
                    "--made", f"{period}-12-31T12:00:00Z", env=env)
        a, b = cities["a"], cities["b"]

        # On the wire: headers, the refusals that need no browser, the cookie's flags.
        answer, _ = request(url, path="/login")
        csp = answer.getheader("Content-Security-Policy") or ""
        check("the sign-in page has a strict Content-Security-Policy",
              "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors 'none'" in csp
              and "form-action 'self'" in csp, csp)
        check("nosniff, frame denial and no referrer",
              answer.getheader("X-Content-Type-Options") == "nosniff" and answer.getheader("X-Frame-Options") == "DENY"
              and answer.getheader("Referrer-Policy") == "no-referrer")
        answer, _ = request(url, path="/")
        check("without a session the overview sends to /login",
              answer.status == 303 and answer.getheader("Location") == "/login")
        form = urllib.parse.urlencode({"token": reader})
        host = urllib.parse.urlsplit(url).netloc
        answer, _ = request(url, "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Origin": "http://evil.example", "Host": host}, form)
        check("a sign-in posted from another site is refused", answer.status == 403 and not answer.getheader("Set-Cookie"))
        answer, _ = request(url, "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Origin": "http://" + host}, urllib.parse.urlencode({"token": "chub_wrong"}))
        check("a wrong token is refused with 401", answer.status == 401 and not answer.getheader("Set-Cookie"))
        answer, _ = request(url, "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Origin": "http://" + host}, form)
        cookie = answer.getheader("Set-Cookie") or ""
        flags = [f.strip() for f in cookie.split(";")]
        check("the session cookie is HttpOnly, SameSite=Strict, Path=/ (not Secure on plain loopback)",
              answer.status == 303 and "HttpOnly" in flags and "SameSite=Strict" in flags and "Path=/" in flags
              and "Secure" not in flags and len(flags[0].split("=", 1)[1]) == 64, cookie)
        reader_cookie = flags[0]
        answer, body = request(url, path="/", headers={"Cookie": reader_cookie})
        check("a reader's session reads the overview, not cached by the browser",
              answer.status == 200 and answer.getheader("Cache-Control") == "no-store" and "<h1>" in body)
        answer, _ = request(url, "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Origin": "http://" + host, "Cookie": reader_cookie}, form)
        again = (answer.getheader("Set-Cookie") or "").split(";")[0]
        stale, _ = request(url, path="/", headers={"Cookie": reader_cookie})
        check("signing in again ends the browser's previous session",
              answer.status == 303 and again != reader_cookie and stale.status == 303)
        reader_cookie = again
        answer, body = request(url, path="/", headers={"Cookie": reader_cookie})
        zipped, zipped_body = request(url, path="/", headers={"Cookie": reader_cookie, "Accept-Encoding": "gzip"})
        check("the overview comes gzipped to who takes it, the same page",
              zipped.getheader("Content-Encoding") == "gzip" and zipped_body == body
              and "Accept-Encoding" in (zipped.getheader("Vary") or ""))
        answer, _ = request(url, "POST", "/logout", {"Cookie": reader_cookie, "Origin": "http://evil.example"})
        check("a sign-out posted from another site is refused", answer.status == 403)
        answer, _ = request(url, "POST", "/login", {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Origin": "null", "Sec-Fetch-Site": "cross-site"}, form)
        check("a sign-in the browser says is cross-site is refused", answer.status == 403)

        # In the browser, as city A.
        driver = browser("en", work)
        drivers.append(driver)
        sign_in(driver, url, a["token"])
        check("signing in as a city lands on its own page",
              driver.current_url.endswith("/city/" + a["id"]) and driver.find_element(By.TAG_NAME, "h1").text == "Aalst",
              driver.current_url)
        cookies = {c["name"]: c for c in driver.get_cookies()}
        session = cookies.get("charta-session", {})
        check("the browser keeps the cookie HttpOnly and SameSite=Strict",
              session.get("httpOnly") is True and session.get("sameSite") == "Strict", str(session))
        check("the page's language is the browser's",
              driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        headings = texts(driver, "h2")
        check("the own city page has levels, reports, actions and measures",
              any("Levels" in h for h in headings) and any(h.startswith("Actions in 2024") for h in headings)
              and "Measures" in headings, str(headings))
        check("the hostile action title shows as text, and no element was made from it",
              HOSTILE_ACTION in texts(driver, "tbody th") and not driver.find_elements(By.ID, "pwned"))
        titles = [t.get_attribute("textContent") for t in driver.find_elements(By.CSS_SELECTOR, "svg > title")]
        descs = [t.get_attribute("textContent") for t in driver.find_elements(By.CSS_SELECTOR, "svg > desc")]
        check("the levels chart has a title and a text alternative naming each period",
              titles and "2023" in descs[0] and "2024" in descs[0], str(descs))
        progress = [d.get_attribute("textContent")
                    for d in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=measures] svg > desc")]
        check("a measure's progress towards its target is a chart with a text alternative",
              progress and progress[0].startswith("40%"), str(progress))
        values = texts(driver, "section[aria-labelledby=measures] tbody td.n")
        check("measure values come with their unit, in English: 12.1 %",
              any(v.startswith("12.1 %") for v in values) and any(v.startswith("15.25 %") for v in values), str(values))
        col_headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]
        check("the levels table has a column per period", "2023" in col_headers and "2024" in col_headers)
        check("every table cell of a body row has a row header",
              all(tr.find_elements(By.CSS_SELECTOR, "th[scope=row]")
                  for tr in driver.find_elements(By.CSS_SELECTOR, "tbody tr")))
        svgs = driver.find_elements(By.TAG_NAME, "svg")
        check("every chart is an image with a title and a description",
              svgs and all(svg.get_attribute("role") == "img" and svg.find_elements(By.CSS_SELECTOR, "title")
                           and svg.find_elements(By.CSS_SELECTOR, "desc") for svg in svgs))
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        check("the first Tab reaches the link that skips to the content",
              focused.get_attribute("class") == "skip" and focused.get_attribute("href").endswith("#main"))
        check("the page has no script at all",
              driver.execute_script("return document.scripts.length") == 0)
        screenshot(driver, shots, "dashboard-city.png")

        driver.get(url + "/")
        check("the overview: heading, cities and items", driver.find_element(By.TAG_NAME, "h1").text == "Network overview"
              and len(driver.find_elements(By.CSS_SELECTOR, "section table")) == 2)
        city_links = texts(driver, "tbody th[scope=row] a")
        check("the hostile city name shows as text in the overview",
              HOSTILE_NAME in city_links and driver.title != "pwned", str(city_links))
        check("the overview's distribution strips have titles and descriptions",
              len(driver.find_elements(By.CSS_SELECTOR, "svg.strip > title")) == len(items)
              and "level 1:" in driver.find_element(By.CSS_SELECTOR, "svg.strip > desc").get_attribute("textContent"))
        check("the overview's headers are column headers",
              {"City", "Latest period", "Median", "Spread"} <= set(texts(driver, "thead th[scope=col]")))
        screenshot(driver, shots, "dashboard-overview.png")

        driver.get(url + "/city/" + b["id"])
        body = driver.find_element(By.TAG_NAME, "main").text
        check("another city's page shows only what is shared: no actions, no measures",
              "Secret plan of Bruges" not in body and "Measure of Bruges" not in body
              and driver.find_element(By.TAG_NAME, "h1").text == HOSTILE_NAME, body[:200])

        item = items[0][0]
        driver.get(url + "/item/" + item)
        rows = texts(driver, "tbody th[scope=row]")
        check("an item's page lists every city's level", "Aalst" in rows and HOSTILE_NAME in rows, str(rows))
        check("an item's chart has a title", bool(driver.find_elements(By.CSS_SELECTOR, "svg.bars > title")))
        screenshot(driver, shots, "dashboard-item.png")

        driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        for _ in range(150):
            if driver.current_url.endswith("/login"):
                break
            time.sleep(0.1)
        check("signing out lands on the sign-in page", driver.current_url.endswith("/login"))
        old = "charta-session=" + session.get("value", "")
        answer, _ = request(url, path="/city/" + a["id"], headers={"Cookie": old})
        check("the signed-out session is over on the hub too", answer.status == 303)
        driver.get(url + "/city/" + a["id"])
        check("the browser is sent to sign in again", driver.current_url.endswith("/login"))

        # A reader, in Dutch.
        nl = browser("nl", work)
        drivers.append(nl)
        sign_in(nl, url, reader)
        check("a reader lands on the overview, in Dutch",
              nl.current_url.rstrip("/") == url and nl.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl",
              nl.current_url + " " + nl.find_element(By.TAG_NAME, "html").get_attribute("lang"))
        nl.get(url + "/item/" + item)
        meanings = [td.text for td in nl.find_elements(By.CSS_SELECTOR, "tbody td:last-child")]
        english = {"Not yet addressed", "Planned", "Partly implemented", "Largely implemented", "Fully implemented"}
        check("the catalogue's texts come in the reader's language", meanings and not (set(meanings) & english),
              str(meanings))
        nl.get(url + "/city/" + a["id"])
        check("a reader sees no city's actions", HOSTILE_ACTION not in nl.find_element(By.TAG_NAME, "main").text)

        # A revoked token ends its sessions.
        tokens = run(HUB, "token", "list", "--data", data)
        reader_id = next(line.split()[0] for line in tokens.splitlines() if "Secretariat" in line)
        run(HUB, "token", "revoke", "--data", data, reader_id)
        nl.get(url + "/")
        check("revoking the reader's token ends its session", nl.current_url.endswith("/login"))
        sign_in(nl, url, a["token"])
        values = texts(nl, "section[aria-labelledby=measures] tbody td.n")
        check("measure values are written the reader's way: 12,1 % in Dutch",
              any(v.startswith("12,1 %") for v in values) and any(v.startswith("15,25 %") for v in values)
              and not any("12.1" in v for v in values), str(values))
        screenshot(nl, shots, "dashboard-city-nl.png")

        # Too many sign-ins from one address: a browser's form gets the sign-in page back.
        limited, limited_url = start_hub(data, "--auth-failures", "2")
        procs.append(limited)
        limited_host = urllib.parse.urlsplit(limited_url).netloc
        wrong = urllib.parse.urlencode({"token": "chub_wrong"})
        form_headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://" + limited_host,
                        "Accept-Language": "nl"}
        statuses = [request(limited_url, "POST", "/login", form_headers, wrong)[0].status for _ in range(2)]
        answer, text = request(limited_url, "POST", "/login", form_headers, wrong)
        check("after too many wrong tokens a sign-in form gets the sign-in page back, 429, in Dutch",
              statuses == [401, 401] and answer.status == 429
              and (answer.getheader("Content-Type") or "").startswith("text/html")
              and answer.getheader("Retry-After") and 'id="token"' in text and 'lang="nl"' in text
              and "Te veel pogingen" in text, f"{statuses} {answer.status} {text[:600]}")
        answer, text = request(limited_url, "POST", "/login", {"Content-Type": "application/json",
                                                               "Origin": "http://" + limited_host}, "{}")
        check("a script that is not a form gets the API's JSON 429",
              answer.status == 429 and json.loads(text)["error"]["code"] == "too-many-failures", text[:300])
        sign_in(nl, limited_url, "chub_wrong")
        errors = texts(nl, "p.error")
        check("in the browser the refused sign-in shows why, in Dutch, with the form",
              errors and "Te veel pogingen" in errors[0] and nl.find_elements(By.ID, "token"), str(errors))
        screenshot(nl, shots, "dashboard-login-429-nl.png")

        # A write shows at once.
        env = dict(os.environ, CHARTA_TOKEN=b["token"], XDG_DATA_HOME=xdg)
        run(CLI, "push", b["path"], "--endpoint", url + "/", "--period", "2023", "--made", "2023-12-31T12:00:00Z",
            env=env)
        sign_in(driver, url, b["token"])
        periods = texts(driver, "#levels ~ table thead th, section table thead th")
        check("a new report is on the page at once (the cache follows the data version)",
              "2023" in periods, str(periods))

        # Under TLS the cookie is Secure, and a __Host- cookie: for this host and path only.
        key, cert = os.path.join(work, "key.pem"), os.path.join(work, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                       check=True, capture_output=True)
        tls, tls_url = start_hub(data, "--tls-cert", cert, "--tls-key", key)
        procs.append(tls)
        parts = urllib.parse.urlsplit(tls_url)
        context = ssl.create_default_context(cafile=cert)
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=10, context=context)
        conn.request("POST", "/login", body=urllib.parse.urlencode({"token": a["token"]}),
                     headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": tls_url})
        answer = conn.getresponse()
        answer.read()
        conn.close()
        flags = [f.strip() for f in (answer.getheader("Set-Cookie") or "").split(";")]
        check("under TLS the cookie is __Host-, Secure, HttpOnly and SameSite=Strict",
              answer.status == 303 and flags[0].startswith("__Host-charta-session=") and "Secure" in flags
              and "HttpOnly" in flags and "SameSite=Strict" in flags and "Path=/" in flags, str(flags))

        # --public-overview: the overview without signing in, nothing else.
        public, public_url = start_hub(data, "--public-overview")
        procs.append(public)
        answer, text = request(public_url, path="/")
        check("with --public-overview the overview needs no sign-in",
              answer.status == 200 and "&lt;script&gt;" in text and "<script" not in text)
        answer, _ = request(public_url, path="/city/" + a["id"])
        check("with --public-overview a city's page still needs one", answer.status == 303)
    finally:
        for d in drivers:
            d.quit()
        for p in procs:
            p.terminate()
            p.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    # The plan comes last: a run cut short by an exception shows as too few tests.
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
