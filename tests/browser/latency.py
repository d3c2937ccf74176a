"""Where a slider move's time goes, seen from the page, and the check that no update is lost.

``watch(page)`` hooks the notebook's kernel connection and the page: it logs every widget
message (direction, time, size), every key press and every image shown (its ``load`` event,
then the next animation frame), and turns on ``Explorer.send_timings`` in the kernel, so each
refresh also sends its own times (received, compute, draw, encode, sent) and the control values
it drew. Kernel and browser run on the same machine: their epoch milliseconds compare.

``press_and_wait`` presses a key on a slider and waits, on events, until the explorer has drawn
the value the slider's readout shows and that picture is on screen; a move whose value never
reaches the picture fails with what the message log says about it. ``breakdown`` splits one
move: key press -> message sent, page -> kernel, compute, draw, PNG encode, kernel -> page,
decode and show.
"""

from __future__ import annotations

import statistics
import time

WATCH_JS = """() => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const now = () => performance.timeOrigin + performance.now();
  const log = window.__dlnotes = {messages: [], presses: [], shown: []};
  kernel.anyMessage.connect((_, {direction, msg}) => {
    const type = msg.header.msg_type;
    if (type !== 'comm_msg' && type !== 'status') return;
    const data = (msg.content && msg.content.data) || {};
    const entry = {t: now(), dir: direction, type, comm: msg.content.comm_id,
      id: msg.header.msg_id, parent: (msg.parent_header || {}).msg_id,
      method: data.method, keys: Object.keys(data.state || {}),
      state: msg.content.execution_state,
      bytes: (msg.buffers || []).reduce((n, b) => n + (b.byteLength || 0), 0)};
    if (data.method === 'custom' && data.content && data.content.timings) {
      entry.timings = data.content.timings;
      entry.values = data.content.values;
    }
    log.messages.push(entry);
  });
  document.addEventListener('keydown', () => log.presses.push(now()), true);
  document.addEventListener('load', (e) => {
    const img = e.target;
    if (img.tagName !== 'IMG') return;
    const key = img.dataset.dlnotes || (img.closest('.widget-interact') ? 'naive' : '');
    const t = now();
    requestAnimationFrame(() => log.shown.push({t, painted: now(), key}));
  }, true);
  const code = 'from dlnotes.explorers.base import Explorer\\nExplorer.send_timings = True';
  return kernel.requestExecute({code, silent: true, store_history: false}).done.then(() => true);
}"""

NOW_JS = "() => performance.timeOrigin + performance.now()"

# The readout's number with half a unit in its last shown digit: "20.9" -> [20.9, 0.05],
# "−1.30" -> [-1.3, 0.005].
READOUT_JS = """(readout) => {
  const text = readout.textContent.trim().replace('\u2212', '-');  // d3-format's minus sign
  const m = text.match(/^[-+]?\\d*(?:\\.(\\d*))?(?:e([-+]?\\d+))?$/i);
  if (!m || text === '') return null;
  return [parseFloat(text), 0.5 * 10 ** ((m[2] ? +m[2] : 0) - (m[1] || '').length)];
}"""

# True once, after `since`, the kernel drew the value the slider's readout shows (read from the
# timings message of the refresh) and a picture of key `key` was shown after that refresh's image.
CAUGHT_UP_JS = (
    """([slider, key, since]) => {
  const log = window.__dlnotes;
  const readout = ("""
    + READOUT_JS
    + """)(slider.querySelector('.widget-readout'));
  // The log holds every message since Run All: read it from the end, and only as far back
  // as needed (this runs on the page's main thread, beside what it measures).
  const messages = log.messages;
  let at = messages.length - 1;
  while (at >= 0 && messages[at].t > since && !messages[at].timings) at--;
  if (readout === null || at < 0 || messages[at].t <= since) return false;
  const last = messages[at];
  const index = [...slider.parentElement.children].indexOf(slider);
  const value = Object.values(last.values)[index];
  if (typeof value !== 'number' || Math.abs(value - readout[0]) > readout[1] * (1 + 1e-9))
    return false;
  while (at >= 0 && !(messages[at].comm === last.comm && messages[at].bytes > 0)) at--;
  if (at < 0) return false;
  const image = messages[at];
  for (let i = log.shown.length - 1; i >= 0 && log.shown[i].t >= image.t; i--)
    if (log.shown[i].key === key) return true;
  return false;
}"""
)

SHOWN_SINCE_JS = (
    """([key, since]) => window.__dlnotes.shown.some(s => s.key === key && s.t > since)"""
)


# How often the test looks for the new picture, in ms. Not every animation frame, as Playwright
# does by default: that check would run on the page's main thread right before each frame it is
# timing. The times measured come from the page's own events, not from when the check notices.
POLL_MS = 40


class LostUpdate(AssertionError):
    """A slider moved but its picture never showed the new value."""


def watch(page) -> None:
    """Install the message log and turn on the kernel's timings (see the module docstring)."""
    page.evaluate(WATCH_JS)


def now(page) -> float:
    return page.evaluate(NOW_JS)


def press_and_wait(page, slider, handle, key: str, image_key: str, label: str,
                   presses: int = 1, timeout_ms: int = 60_000) -> dict:  # fmt: skip
    """Press ``key`` ``presses`` times on a slider's handle, then wait until the explorer shows
    the readout's value. Returns the times of this move (see ``breakdown``)."""
    since = now(page)
    for _ in range(presses):
        handle.press(key)
    try:
        page.wait_for_function(CAUGHT_UP_JS, arg=[slider.element_handle(), image_key, since],
                               timeout=timeout_ms, polling=POLL_MS)  # fmt: skip
    except Exception as err:
        raise LostUpdate(f"{label}: {diagnose(page, slider, since)}") from err
    log = page.evaluate("() => window.__dlnotes")
    return breakdown(log, since, image_key)


def diagnose(page, slider, since: float) -> str:
    """What the message log says about a move whose value never reached the picture."""
    readout = slider.locator(".widget-readout").inner_text()
    log = page.evaluate("() => window.__dlnotes")
    after = [m for m in log["messages"] if m["t"] > since]
    sent = [m for m in after if m["dir"] == "send" and "value" in m["keys"]]
    statuses = [m["state"] for m in after if m["type"] == "status"]
    drawn = [m["values"] for m in after if m.get("timings")]
    status = page.evaluate("() => document.querySelector('#jp-main-statusbar').textContent")
    # ipywidgets sends a model's next change only after the kernel's idle for its last one:
    # a widget message whose idle never came holds back every later change of that widget.
    idle = {m["parent"] for m in log["messages"] if m["state"] == "idle"}
    sent_all = [m for m in log["messages"] if m["dir"] == "send" and m["type"] == "comm_msg"]
    waiting = [f"{m['keys']} {m['t'] - since:+.0f} ms" for m in sent_all if m["id"] not in idle]
    return (
        f"the slider's readout shows {readout!r} but the picture never showed it. Since the "
        f"press the page sent {len(sent)} value update(s), the kernel reported {statuses}, "
        f"and drew {drawn[-3:] if drawn else 'nothing'}; widget messages still waiting for "
        f"their idle: {waiting or 'none'}; status bar: {status!r}"
    )


def breakdown(log: dict, since: float, image_key: str) -> dict:
    """Split the last move after ``since`` into its parts, in ms (see the module docstring):
    from the last key press to the last refresh whose picture is on screen."""
    presses = [t for t in log["presses"] if t > since]
    press = presses[-1]
    drawn = [m for m in log["messages"] if m.get("timings") and m["t"] > since]
    times = {"total": None, "presses": len(presses), "refreshes": len(drawn)}
    for last in reversed(drawn):
        image = [m for m in log["messages"] if m["comm"] == last["comm"] and m["bytes"] > 0
                 and m["t"] <= last["t"]][-1]  # fmt: skip
        shown = [s for s in log["shown"] if s["key"] == image_key and s["t"] >= image["t"]]
        if shown:
            break
    else:
        return times
    k = last["timings"]
    if image["t"] < press:  # the refresh drew the same picture: no new image was sent
        return times
    times.update(
        total=shown[0]["painted"] - press, compute=k["compute_ms"], draw=k["draw_ms"],
        encode=k["encode_ms"], send=k.get("send_ms"), png_kb=image["bytes"] / 1024,
        to_page=image["t"] - k["sent"], decode_show=shown[0]["painted"] - image["t"],
    )  # fmt: skip
    sent = [m for m in log["messages"] if m["dir"] == "send" and "value" in m["keys"]
            and press <= m["t"] <= k["received"]]  # fmt: skip
    if sent and len(presses) == 1:
        times["press_to_send"] = sent[0]["t"] - press
        times["to_kernel"] = k["received"] - sent[-1]["t"]
    return times


def time_presses(page, handle, key: str, image_key: str, presses: int = 5) -> list[float]:
    """Key press -> new picture shown (ms) for a picture without timings (the floor, the naive
    interact): waits for a new picture after each press, then for Idle."""
    from .lab import IDLE_JS

    times = []
    for _ in range(presses):
        since = now(page)
        handle.press(key)
        page.wait_for_function(SHOWN_SINCE_JS, arg=[image_key, since], timeout=60_000,
                               polling=POLL_MS)  # fmt: skip
        log = page.evaluate("() => window.__dlnotes")
        press = [t for t in log["presses"] if t > since][-1]
        shown = next(s for s in log["shown"] if s["key"] == image_key and s["t"] > since)
        times.append(shown["painted"] - press)
        page.wait_for_function(IDLE_JS, timeout=180_000)
    return times


PARTS = ["press_to_send", "to_kernel", "compute", "draw", "encode", "send", "to_page",
         "decode_show"]  # fmt: skip
LABELS = ["press", "to kernel", "compute", "draw", "encode", "send", "to page", "show"]


def median_of(moves: list[dict], part: str) -> float | None:
    values = [m[part] for m in moves if m.get(part) is not None]
    return statistics.median(values) if values else None


def load_average() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def wall_ms() -> float:
    return time.time() * 1000


def run_in_kernel(page, code: str) -> None:
    """Run ``code`` silently in the notebook's kernel (no cell, no output)."""
    page.evaluate(
        "(code) => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
        ".requestExecute({code, silent: true, store_history: false}).done.then(() => true)",
        code,
    )
