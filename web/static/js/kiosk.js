// Kiosk enhancements: the idle countdown and reset, quicker steps (no full reload), printing.
// Everything works without this file; it only makes the screen quicker and forgets people sooner.
(function () {
  "use strict";
  var idle, idleSeconds, countdownSeconds, resetUrl, idleTimer, tickTimer, left;

  function byId(id) { return document.getElementById(id); }

  function reset() { window.location.replace(resetUrl); }

  function hideCountdown() {
    clearInterval(tickTimer);
    if (idle) { idle.hidden = true; }
  }

  function showCountdown() {
    if (!idle) { return reset(); }
    left = countdownSeconds;
    var seconds = idle.querySelector(".idle-seconds");
    if (seconds) { seconds.textContent = String(left); }
    idle.hidden = false;
    var stay = idle.querySelector(".idle-stay");
    if (stay) { stay.focus(); }
    tickTimer = setInterval(function () {
      left -= 1;
      if (seconds) { seconds.textContent = String(Math.max(left, 0)); }
      if (left <= 0) { clearInterval(tickTimer); reset(); }
    }, 1000);
  }

  function touched() {
    if (idle && !idle.hidden) { hideCountdown(); }
    clearTimeout(idleTimer);
    if (resetUrl) { idleTimer = setTimeout(showCountdown, idleSeconds * 1000); }
  }

  function setupIdle() {
    idle = byId("idle");
    if (!idle) { resetUrl = null; clearTimeout(idleTimer); return; }
    idleSeconds = parseInt(idle.getAttribute("data-idle"), 10) || 90;
    countdownSeconds = parseInt(idle.getAttribute("data-countdown"), 10) || 15;
    resetUrl = idle.getAttribute("data-reset");
    touched();
  }

  // Steps load with fetch and replace the page body: no full reload between kiosk steps.
  function sameKiosk(url) {
    return url.origin === window.location.origin && /^\/[a-z]{2}\/kiosk\//.test(url.pathname) &&
      !/\/kiosk\/(code|qr\/|s\/)/.test(url.pathname);
  }

  function swap(html, url, push) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    document.documentElement.dir = doc.documentElement.dir;
    document.body.className = doc.body.className;
    document.body.innerHTML = doc.body.innerHTML;
    if (push) { window.history.pushState({ kiosk: true }, "", url); }
    window.scrollTo(0, 0);
    var main = byId("main");
    if (main) { main.focus({ preventScroll: true }); }
    setupIdle();
    setupPrint();
  }

  function load(url, options, push) {
    return fetch(url, options).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("text/html") !== 0) { throw new Error("not a page"); }
      return response.text().then(function (html) { swap(html, response.url, push); });
    }).catch(function () { window.location.assign(url); });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        link.hasAttribute("data-full") || link.target) { return; }
    var url = new URL(link.href, window.location.href);
    if (!sameKiosk(url)) { return; }
    event.preventDefault();
    load(url.href, { credentials: "same-origin" }, true);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var action = new URL((submitter && submitter.getAttribute("formaction")) || form.action, window.location.href);
    if (!sameKiosk(action) || event.defaultPrevented) { return; }
    event.preventDefault();
    var data = new FormData(form, submitter || undefined);
    if ((form.method || "get").toLowerCase() === "post") {
      load(action.href, { method: "POST", body: data, credentials: "same-origin" }, true);
    } else {
      action.search = new URLSearchParams(data).toString();
      load(action.href, { credentials: "same-origin" }, true);
    }
  });

  window.addEventListener("popstate", function () { load(window.location.href, { credentials: "same-origin" }, false); });

  function setupPrint() {
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  ["pointerdown", "keydown", "touchstart", "scroll", "input"].forEach(function (name) {
    document.addEventListener(name, touched, { passive: true, capture: true });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".idle-stay")) { hideCountdown(); touched(); }
  });

  setupIdle();
  setupPrint();
})();
