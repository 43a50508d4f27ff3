// "Imprimer": without JavaScript the link opens the page again with a message saying which
// keys print it; with this script it opens the print window at once.
// (An external file: the Content-Security-Policy allows no inline handler.)
(function () {
  'use strict';
  if (!window.print) return;
  var links = document.querySelectorAll('.print-button');
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener('click', function (e) {
      e.preventDefault();
      window.print();
    });
  });
})();
