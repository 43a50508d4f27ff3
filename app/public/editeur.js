// The trainers' editor, improved with JavaScript: the preview and the problems follow the
// text as it is typed, and a link to a problem's line puts the cursor on that line.
// Without JavaScript, "Mettre à jour l'aperçu" does the same with a page load.
(function () {
  'use strict';
  var form = document.querySelector('form.editor-form');
  var area = document.getElementById('texte');
  if (!form || !area || !window.fetch || !window.DOMParser) return;

  // The height of the text before `offset` as the text area lays it out (long lines wrap,
  // so counting lines is not enough): a hidden copy of the area holding only that text.
  function heightBefore(offset) {
    var copy = area.cloneNode(false);
    copy.removeAttribute('id');
    copy.removeAttribute('name');
    copy.setAttribute('aria-hidden', 'true');
    copy.tabIndex = -1;
    copy.style.position = 'absolute';
    copy.style.visibility = 'hidden';
    copy.style.height = '0';
    copy.style.minHeight = '0';
    copy.style.width = area.getBoundingClientRect().width + 'px';
    copy.value = area.value.slice(0, offset);
    area.parentNode.appendChild(copy);
    var height = copy.scrollHeight;
    copy.remove();
    return height;
  }

  function goToLine(n) {
    var lines = area.value.split('\n');
    var start = 0;
    for (var i = 0; i < n - 1 && i < lines.length; i++) start += lines[i].length + 1;
    area.focus();
    area.setSelectionRange(start, start + (lines[n - 1] || '').length);
    // The line a third of the way down the area, whatever wraps before it.
    area.scrollTop = Math.max(0, heightBefore(start) - area.clientHeight / 3);
    area.scrollIntoView({ block: 'nearest' });
  }
  var wanted = /[?&]ligne=(\d+)/.exec(location.search);
  if (wanted) goToLine(parseInt(wanted[1], 10));
  document.addEventListener('click', function (e) {
    // A problem of this file: a button of the form (it keeps the text without JavaScript).
    var button = e.target.closest && e.target.closest('button[value^="ligne:"]');
    if (button) { e.preventDefault(); goToLine(parseInt(button.value.slice(6), 10)); return; }
    var link = e.target.closest && e.target.closest('a[href*="ligne="]');
    if (!link || link.href.indexOf(encodeURI(form.dataset.fichier)) < 0) return;
    var m = /[?&]ligne=(\d+)/.exec(link.href);
    if (m) { e.preventDefault(); goToLine(parseInt(m[1], 10)); }
  });

  var timer = null;
  var latest = 0;
  function refresh() {
    var ask = ++latest;
    var body = new URLSearchParams();
    body.set('file', form.elements.file.value);
    body.set('text', area.value);
    body.set('base', form.elements.base.value);
    fetch('/api/formateur/brouillon', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      credentials: 'same-origin',
    })
      .then(function (r) { return r.json(); })
      .then(function (key) {
        // Forms that leave the page (images) bring the text back.
        document.querySelectorAll('input[name="brouillon"]').forEach(function (i) { i.value = key; });
        var step = form.elements.step ? '&etape=' + encodeURIComponent(form.elements.step.value) : '';
        return fetch('/formateur/editer?fichier=' + encodeURIComponent(form.elements.file.value) +
          '&brouillon=' + encodeURIComponent(key) + step, { credentials: 'same-origin' });
      })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (ask !== latest) return; // a newer refresh is on its way
        var page = new DOMParser().parseFromString(html, 'text/html');
        ['apercu-contenu', 'problemes-liste'].forEach(function (id) {
          var fresh = page.getElementById(id);
          var here = document.getElementById(id);
          if (fresh && here) here.replaceWith(document.importNode(fresh, true));
        });
      })
      .catch(function () { /* the button still works */ });
  }
  area.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  });
})();
