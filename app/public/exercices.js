// Mouse practice: the gestures a plain form cannot see. A double-click or a drop on the
// envelope submits the gesture's form as a success; a miss is recorded in the background
// (the volunteer sees which gesture is hard) and explained in place, kindly.
(function () {
  'use strict';
  if (!window.fetch || !window.FormData) return;
  var hidden = document.querySelectorAll('.pretend-mouse .needs-js');
  for (var i = 0; i < hidden.length; i++) hidden[i].hidden = true;

  function say(form, text) {
    var live = form.querySelector('.gesture-live');
    if (live) live.textContent = text;
  }
  function record(form, ok) {
    form.elements.reussi.value = ok ? '1' : '0';
    if (ok) { form.submit(); return; }
    var data = new FormData(form);
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', redirect: 'manual' });
  }

  var targets = document.querySelectorAll('.pretend-mouse [data-geste="double-clic"]');
  Array.prototype.forEach.call(targets, function (button) {
    var form = button.form;
    var timer = null;
    // Without this script the button says "not tried"; with it, it waits for a double-click.
    button.type = 'button';
    button.removeAttribute('name');
    button.addEventListener('click', function (e) {
      // Enter or Space (no mouse): this is a mouse gesture, nothing is recorded.
      if (e.detail === 0) {
        say(form, 'Ce geste se fait avec la souris : deux clics rapides sur le bouton. Avec le clavier, passez au geste suivant.');
        return;
      }
      if (timer) return;
      timer = setTimeout(function () {
        timer = null;
        say(form, 'Presque ! Les deux clics doivent être rapides, sans bouger la souris. Essayez encore.');
        record(form, false);
      }, 700);
    });
    button.addEventListener('dblclick', function () {
      clearTimeout(timer);
      timer = null;
      record(form, true);
    });
  });

  var letters = document.querySelectorAll('.pretend-mouse [data-geste="glisser"]');
  Array.prototype.forEach.call(letters, function (letter) {
    var form = letter.closest('form');
    var envelope = form.querySelector('.drag-envelope');
    var dropped = false;
    letter.addEventListener('dragstart', function (e) {
      dropped = false;
      e.dataTransfer.setData('text/plain', 'lettre');
    });
    envelope.addEventListener('dragover', function (e) { e.preventDefault(); envelope.classList.add('over'); });
    envelope.addEventListener('dragleave', function () { envelope.classList.remove('over'); });
    envelope.addEventListener('drop', function (e) {
      e.preventDefault();
      dropped = true;
      record(form, true);
    });
    letter.addEventListener('dragend', function () {
      envelope.classList.remove('over');
      if (!dropped) {
        say(form, 'Presque ! Gardez le bouton appuyé jusqu\u2019à l\u2019enveloppe, puis lâchez-le.');
        record(form, false);
      }
    });
  });
})();
