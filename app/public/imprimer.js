// "Imprimer": the print button works only with JavaScript, so it is hidden until this
// script shows it and makes it print. Without JavaScript the page says "Ctrl et P".
// (An external file: the Content-Security-Policy allows no inline handler.)
(function () {
  'use strict';
  if (!window.print) return;
  var buttons = document.querySelectorAll('.print-button');
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
