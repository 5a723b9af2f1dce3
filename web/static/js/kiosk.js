// Kiosk enhancements: the idle countdown and reset, quicker steps (no full reload), printing, keypads.
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

  // Keypads: a tap adds the key to the field right here (without JavaScript the key posts the form
  // and the server does the same). The rules mirror web/kiosk/keypad.py.
  var DIGITS = "1234567890", PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ", LETTERS = "qwertyuiopasdfghjklzxcvbnm";
  var CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ", CODE_LENGTH = 9;
  // The name keyboard's other scripts (web/kiosk/name_scripts.py): Arabic letters, Ge'ez consonants
  // whose seven orders follow each in Unicode, five of them with a labialised series eight further on.
  var ARABIC = "ءاأإآبپتثجچحخدذرزژسشصضطظعغفقكکگلمنهةوؤيئىی";
  var GEEZ = "ሀለሐመሠረሰሸቀቐበቨተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ", LABIALISED = "ቀቐከኸገ";

  function geezOrders(consonant) {
    var base = consonant.charCodeAt(0), rows = [[0, 1, 2, 3, 4, 5, 6]];
    if (LABIALISED.indexOf(consonant) >= 0) { rows.push([8, 10, 11, 12, 13]); }
    return rows.map(function (row) { return row.map(function (i) { return String.fromCharCode(base + i); }); });
  }

  function isGeez(key) {
    if (key.length !== 1) { return false; }
    var start = 0x1200 + Math.floor((key.charCodeAt(0) - 0x1200) / 8) * 8;
    return [start, start - 8].some(function (base) {
      var c = String.fromCharCode(base);
      return GEEZ.indexOf(c) >= 0 && geezOrders(c).some(function (row) { return row.indexOf(key) >= 0; });
    });
  }

  function accepts(kind, value, key) {
    if (kind === "postcode") {
      if (value.length < 4) { return DIGITS.indexOf(key) >= 0 && !(value === "" && key === "0"); }
      return value.length < 6 && PC_LETTERS.indexOf(key) >= 0;
    }
    if (kind === "phone") {
      if (key === "+") { return value === ""; }
      if (key === " ") { return value !== "" && value.slice(-1) !== " "; }
      return DIGITS.indexOf(key) >= 0 && value.replace(/ /g, "").length < 15;
    }
    if (kind === "code") { return CODE_ALPHABET.indexOf(key) >= 0 && value.length < CODE_LENGTH; }
    if (kind === "email") {
      if (key === "@") { return value !== "" && value.indexOf("@") < 0; }
      return DIGITS.indexOf(key) >= 0 || LETTERS.indexOf(key) >= 0 || [".", "-", "_", ".nl", ".com"].indexOf(key) >= 0;
    }
    if (kind === "name") {
      if (key === " " || key === "-") { return value !== "" && !/[ -]$/.test(value); }
      return key.length === 1 && (LETTERS.indexOf(key) >= 0 || ARABIC.indexOf(key) >= 0 || isGeez(key));
    }
    return false;
  }

  function checkCharFits(code) {
    var total = 0;
    for (var i = 0; i < code.length - 1; i += 1) { total += (i + 1) * CODE_ALPHABET.indexOf(code[i]); }
    return CODE_ALPHABET[total % CODE_ALPHABET.length] === code[code.length - 1];
  }

  function shown(kind, value) {
    if (kind === "code") {
      var padded = (value + "_________").slice(0, CODE_LENGTH);
      return padded.slice(0, 3) + "-" + padded.slice(3, 6) + "-" + padded.slice(6, 9);
    }
    if (kind === "postcode" && value.length > 4) { return value.slice(0, 4) + " " + value.slice(4); }
    return value;
  }

  function refreshKeypad(pad) {
    var kind = pad.getAttribute("data-keypad");
    var max = parseInt(pad.getAttribute("data-max"), 10) || 99;
    var input = pad.querySelector("input[type=hidden]");
    var value = input.value;
    pad.querySelector(".keypad-value").textContent = shown(kind, value);
    var keys = pad.querySelectorAll("button.key");
    for (var i = 0; i < keys.length; i += 1) {
      var key = keys[i].value.slice(keys[i].value.indexOf(":") + 1);
      if (key !== "DEL" && !/^(SCRIPT|PICK):/.test(key)) { keys[i].disabled = !(accepts(kind, value, key) && value.length + key.length <= max); }
    }
    var mirror = document.querySelector("[data-value-of='" + pad.getAttribute("data-field") + "']");
    if (mirror) { mirror.textContent = value; }
    var typo = document.querySelector("[data-code-typo]");
    if (typo && kind === "code") { typo.hidden = !(value.length === CODE_LENGTH && !checkCharFits(value)); }
  }

  function pressKey(button) {
    var pad = button.closest("[data-keypad]");
    var kind = pad.getAttribute("data-keypad");
    var max = parseInt(pad.getAttribute("data-max"), 10) || 99;
    var input = pad.querySelector("input[type=hidden]");
    var key = button.value.slice(button.value.indexOf(":") + 1);
    var value = input.value;
    if (kind === "name") {
      var orders = pad.querySelector("[data-orders]");
      if (/^SCRIPT:/.test(key)) { return showScript(pad, key.slice(7)); }
      if (/^PICK:/.test(key)) { return showOrders(pad, button, key.slice(5)); }
      orders.hidden = true;
      markCurrent(pad.querySelectorAll("[data-script=geez] button.key"), null);
    }
    if (key === "DEL") {
      value = (kind === "email" && /\.(nl|com)$/.test(value)) ? value.slice(0, value.lastIndexOf(".")) : value.slice(0, -1);
    } else if (accepts(kind, value, key) && value.length + key.length <= max) {
      // Only a Latin name gets capitals: Arabic script and Ge'ez have none.
      var starts = kind === "name" && (value === "" || /[ -]$/.test(value)) && LETTERS.indexOf(key) >= 0;
      value += starts ? key.toUpperCase() : key;
    }
    input.value = value;
    refreshKeypad(pad);
  }

  function markCurrent(buttons, on) {
    for (var i = 0; i < buttons.length; i += 1) { buttons[i].classList.toggle("current", buttons[i] === on); }
  }

  // A script tab: that script's keys, the tab marked, the choice kept in the hidden field for the server.
  function showScript(pad, script) {
    pad.querySelector("[data-script-field]").value = script;
    var blocks = pad.querySelectorAll("[data-script]");
    for (var i = 0; i < blocks.length; i += 1) { blocks[i].hidden = blocks[i].getAttribute("data-script") !== script; }
    var tabs = pad.querySelectorAll("[data-script-tab]");
    for (var j = 0; j < tabs.length; j += 1) {
      var on = tabs[j].getAttribute("data-script-tab") === script;
      tabs[j].classList.toggle("current", on);
      tabs[j].setAttribute("aria-pressed", on ? "true" : "false");
    }
    pad.querySelector("[data-orders]").hidden = true;
    markCurrent(pad.querySelectorAll("[data-script=geez] button.key"), null);
  }

  // A Ge'ez consonant: the row of its orders (and its labialised ones), built as the server builds it.
  function showOrders(pad, button, consonant) {
    var orders = pad.querySelector("[data-orders]"), field = pad.getAttribute("data-field");
    orders.textContent = "";
    geezOrders(consonant).forEach(function (syllables) {
      var row = document.createElement("div");
      row.className = "key-row";
      syllables.forEach(function (syllable) {
        var key = document.createElement("button");
        key.className = "key";
        key.name = "key";
        key.value = field + ":" + syllable;
        key.textContent = syllable;
        row.appendChild(key);
      });
      orders.appendChild(row);
    });
    orders.hidden = false;
    markCurrent(pad.querySelectorAll("[data-script=geez] button.key"), button);
    refreshKeypad(pad);
  }

  function showField(name) {
    var pads = document.querySelectorAll(".field-tabs ~ [data-keypad]");
    for (var i = 0; i < pads.length; i += 1) { pads[i].hidden = pads[i].getAttribute("data-field") !== name; }
    var tabs = document.querySelectorAll("[data-show]");
    for (var j = 0; j < tabs.length; j += 1) {
      var on = tabs[j].getAttribute("data-show") === name;
      tabs[j].classList.toggle("current", on);
      if (on) { tabs[j].setAttribute("aria-current", "true"); } else { tabs[j].removeAttribute("aria-current"); }
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-keypad] button.key, button[data-show]") : null;
    if (!button || button.disabled) { return; }
    event.preventDefault();
    if (button.hasAttribute("data-show")) { showField(button.getAttribute("data-show")); } else { pressKey(button); }
  }, true);

  ["pointerdown", "keydown", "touchstart", "scroll", "input"].forEach(function (name) {
    document.addEventListener(name, touched, { passive: true, capture: true });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".idle-stay")) { hideCountdown(); touched(); }
  });

  setupIdle();
  setupPrint();
})();
