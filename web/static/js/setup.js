// Live consistency ratio of the AHP form on the weights page (the server checks again on save).
(function () {
  "use strict";
  var form = document.querySelector("form[data-ahp]");
  if (!form) { return; }
  var RI = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];
  function value(text) {
    var parts = text.split("/");
    return parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(text);
  }
  // One pairwise table per level (criteria, functional areas), each with its result below.
  function update(table) {
    var out = table.closest("section").querySelector(".ahp-result");
    var selects = table.querySelectorAll("select");
    var names = [];
    selects.forEach(function (s) {
      var p = s.name.split(".");
      if (names.indexOf(p[1]) < 0) { names.push(p[1]); }
      if (names.indexOf(p[2]) < 0) { names.push(p[2]); }
    });
    var n = names.length, a = [], i, j, k;
    for (i = 0; i < n; i++) { a.push([]); for (j = 0; j < n; j++) { a[i].push(1); } }
    selects.forEach(function (s) {
      var p = s.name.split("."), x = names.indexOf(p[1]), y = names.indexOf(p[2]);
      a[x][y] = value(s.value); a[y][x] = 1 / a[x][y];
    });
    var w = [];
    for (i = 0; i < n; i++) { w.push(1 / n); }
    for (k = 0; k < 100; k++) {  // power iteration: the principal eigenvector
      var next = [], sum = 0;
      for (i = 0; i < n; i++) { var s = 0; for (j = 0; j < n; j++) { s += a[i][j] * w[j]; } next.push(s); sum += s; }
      for (i = 0; i < n; i++) { w[i] = next[i] / sum; }
    }
    var lambda = 0;
    for (i = 0; i < n; i++) { var r = 0; for (j = 0; j < n; j++) { r += a[i][j] * w[j]; } lambda += r / w[i]; }
    lambda /= n;
    var cr = n > 2 ? ((lambda - n) / (n - 1)) / RI[n - 1] : 0;
    var ok = cr <= 0.1;
    var shown = cr.toLocaleString(document.documentElement.lang || "en", {minimumFractionDigits: 3, maximumFractionDigits: 3});
    out.textContent = out.dataset.label + ": " + shown + " — " + (ok ? out.dataset.ok : out.dataset.bad);
    out.className = "ahp-result " + (ok ? "ok" : "warn");
  }
  form.addEventListener("change", function (e) {
    var table = e.target.closest("table.ahp");
    if (table) { update(table); }
  });
})();
