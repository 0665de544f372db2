"""The web chat's page: server-rendered, with a small script (no build step) that long-polls the
chat's messages and draws them with DOM methods (text is never parsed as HTML)."""

import json
from html import escape

from aiohttp import web

from web.texts import size_label, text

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SCRIPT_PATH = "/chat/chat.js"
STYLE_PATH = "/chat/chat.css"
COMMANDS = ("start", "status", "help", "cancel")

STYLE = """
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.45;color:#1e1e1e;
background:#f6f6f6;display:flex;flex-direction:column}
header{background:#000091;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;
align-items:center}
header h1{font-size:1.1rem;margin:0;flex:1 1 auto}
header button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;
padding:.25rem .6rem;font-size:.9rem;cursor:pointer}
#log{flex:1 1 auto;overflow-y:auto;padding:1rem;display:flex;flex-direction:column;gap:.5rem;
max-width:48rem;width:100%;margin:0 auto}
.msg{max-width:85%;padding:.5rem .75rem;border-radius:10px;white-space:pre-wrap;
overflow-wrap:anywhere}
.bot{background:#fff;align-self:flex-start;border:1px solid #ddd}
.me{background:#e3e3fd;align-self:flex-end}
.press{background:#e3e3fd;align-self:flex-end;font-style:italic}
.notice{align-self:center;background:transparent;color:#555;font-size:.9rem}
.msg img{max-width:100%;height:auto;display:block;margin-bottom:.4rem}
.keys{display:flex;flex-direction:column;gap:.3rem;margin-top:.5rem}
.row{display:flex;gap:.3rem;flex-wrap:wrap}
.row button,.row a{flex:1 1 auto;background:#f0f0ff;color:#000091;border:1px solid #000091;
border-radius:6px;padding:.45rem .6rem;font-size:.95rem;cursor:pointer;text-align:center;
text-decoration:none}
.row button:disabled{opacity:.5;cursor:default}
.file{display:inline-block;margin-bottom:.3rem}
form{display:flex;gap:.4rem;padding:.6rem;background:#fff;border-top:1px solid #ddd;
max-width:48rem;width:100%;margin:0 auto}
form textarea{flex:1 1 auto;font:inherit;padding:.5rem;border:1px solid #aaa;border-radius:6px;
resize:none;min-height:2.6rem}
form button,label.upload{background:#000091;color:#fff;border:0;border-radius:6px;
padding:.5rem .9rem;font-size:1rem;cursor:pointer}
label.upload input{display:none}
#problem{color:#b00;text-align:center;min-height:1.2rem;margin:0;padding:0 .5rem}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var T = JSON.parse(document.getElementById("texts").textContent);
  var log = document.getElementById("log");
  var form = document.getElementById("say");
  var input = document.getElementById("text");
  var upload = document.getElementById("upload");
  var problem = document.getElementById("problem");
  var since = 0;
  var nodes = {};

  function show(message) { problem.textContent = message || ""; }

  function post(url, body, isForm) {
    var options = {method: "POST", credentials: "same-origin", body: body};
    if (!isForm) {
      options.headers = {"Content-Type": "application/json"};
      options.body = JSON.stringify(body);
    }
    // Resolves to true when the server took it, false otherwise (its words are shown).
    return fetch(url, options).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (data) { show(data.error || T.failed); },
                                    function () { show(T.failed); })
          .then(function () { return false; });
      }
      show("");
      return true;
    }, function () { show(T.offline); return false; });
  }

  function keys(message) {
    var box = document.createElement("div");
    box.className = "keys";
    message.buttons.forEach(function (row) {
      var line = document.createElement("div");
      line.className = "row";
      row.forEach(function (key) {
        var element;
        if (key.url) {
          element = document.createElement("a");
          element.href = key.url;
          element.target = "_blank";
          element.rel = "noopener noreferrer";
        } else {
          element = document.createElement("button");
          element.type = "button";
          element.setAttribute("data-callback", key.data);
          element.addEventListener("click", function () {
            element.disabled = true;
            post("/chat/api/press", {message_id: message.id, data: key.data})
              .then(function () { element.disabled = false; });
          });
        }
        element.textContent = key.text;
        line.appendChild(element);
      });
      box.appendChild(line);
    });
    return box;
  }

  function draw(message) {
    var element = nodes[message.id];
    if (!element) {
      element = document.createElement("div");
      element.id = "m" + message.id;
      nodes[message.id] = element;
      log.appendChild(element);
    }
    element.replaceChildren();
    element.hidden = !!message.deleted;
    element.className = "msg " + (message.kind === "notice" ? "notice" :
      message.kind === "press" ? "press" : message.from_bot ? "bot" : "me");
    if (message.file && message.kind === "photo") {
      var image = document.createElement("img");
      image.src = message.file.url;
      image.alt = message.text || "";
      element.appendChild(image);
    } else if (message.file) {
      var link = document.createElement("a");
      link.className = "file";
      link.href = message.file.url;
      link.setAttribute("download", message.file.name || "");
      link.textContent = "\u{1F4CE} " + (message.file.name || T.file);
      element.appendChild(link);
      if (message.text) { element.appendChild(document.createElement("br")); }
    }
    if (message.text) {
      var words = document.createElement("span");
      words.className = "text";
      words.textContent = message.text;
      element.appendChild(words);
    }
    if (message.buttons && message.buttons.length) { element.appendChild(keys(message)); }
  }

  function poll() {
    fetch("/chat/api/messages?since=" + since + "&wait=25", {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
        data.messages.forEach(draw);
        since = data.revision;
        if (data.messages.length && (atBottom || since === data.revision)) {
          log.scrollTop = log.scrollHeight;
        }
        document.body.setAttribute("data-revision", String(since));
        poll();
      }, function () { show(T.offline); setTimeout(poll, 2000); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var value = input.value.trim();
    if (!value) { return; }
    input.value = "";
    post("/chat/api/send", {text: value}).then(function (taken) {
      // Refused (too many messages, offline...): what was typed comes back to be sent again.
      if (!taken && !input.value) { input.value = value; }
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  upload.addEventListener("change", function () {
    var file = upload.files[0];
    upload.value = "";
    if (!file) { return; }
    if (file.size > T.max_bytes) { show(T.too_big); return; }
    var body = new FormData();
    body.append("file", file, file.name);
    post("/chat/api/upload", body, true);
  });
  document.querySelectorAll("header button[data-command]").forEach(function (button) {
    button.addEventListener("click", function () {
      post("/chat/api/send", {text: "/" + button.getAttribute("data-command")});
    });
  });
  poll();
})();
"""

_LAYOUT = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="stylesheet" href="{style}">
<script id="texts" type="application/json">{texts}</script>
<script src="{script}" defer></script>
</head>
<body>
<header><h1>{title}</h1>{commands}</header>
<main id="log" aria-live="polite"></main>
<p id="problem" role="alert"></p>
<form id="say">
<label class="upload" title="{attach}">📎<input type="file" id="upload" accept="{accept}"></label>
<textarea id="text" rows="1" placeholder="{placeholder}" aria-label="{placeholder}"></textarea>
<button type="submit">{send}</button>
</form>
</body>
</html>
"""


def chat_page(language: str, max_upload_bytes: int) -> web.Response:
    texts = {
        "failed": text("chat.failed", language),
        "offline": text("chat.offline", language),
        "file": text("chat.file", language),
        "too_big": text("chat.too_big", language, size=size_label(max_upload_bytes, language)),
        "max_bytes": max_upload_bytes,
    }
    commands = "".join(
        f'<button type="button" data-command="{name}">/{name}</button>' for name in COMMANDS
    )
    # JSON inside <script>: "<" escaped, so no text can close the element.
    texts_json = json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c")
    document = _LAYOUT.format(
        language=escape(language),
        title=escape(text("chat.title", language)),
        style=STYLE_PATH,
        script=SCRIPT_PATH,
        texts=texts_json,
        commands=commands,
        attach=escape(text("chat.attach", language)),
        accept=".csv,.xlsx,.xls,.ods",
        placeholder=escape(text("chat.placeholder", language)),
        send=escape(text("chat.send", language)),
    )
    response = web.Response(text=document, content_type="text/html", charset="utf-8")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


def script() -> web.Response:
    response = web.Response(text=SCRIPT, content_type="text/javascript", charset="utf-8")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


def stylesheet() -> web.Response:
    response = web.Response(text=STYLE, content_type="text/css", charset="utf-8")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
