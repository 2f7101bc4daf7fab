// A table too wide for its column becomes one card per row, each cell labelled with its
// column's heading, so that no page scrolls sideways; a table that fits stays a table.
// Without this script, a wide table scrolls inside its own box, as Material makes it; so
// does a matrix (in a <div class="aeo-matrix">), whose first column stays in view instead.
(function () {
  "use strict";
  const WIDE = 40;  // characters: a longer cell takes the whole width of its card,
  const TOKEN = 18;  // and so does a cell with a longer string without spaces (it would not
  // fit a card's column); code without spaces up to this long stays on one line in a table
  const tables = [...document.querySelectorAll(".md-typeset table:not([class])")]
    .filter((table) => !table.closest(".aeo-matrix"));

  tables.forEach((table) => {
    const headings = [...table.querySelectorAll("thead th")].map((th) => th.innerText.replace(/\s+/g, " ").trim());
    table.querySelectorAll("tbody tr").forEach((row) => {
      [...row.cells].forEach((cell, index) => {
        cell.dataset.label = headings[index] || "";
        const text = cell.textContent.trim();
        const longest = Math.max(...text.split(/\s+/).map((word) => word.length));
        if (text.length > WIDE || longest > TOKEN) cell.classList.add("aeo-wide");
      });
    });
    table.querySelectorAll("code").forEach((code) => {
      const text = code.textContent.trim();
      if (text.length <= TOKEN && !/\s/.test(text)) code.classList.add("aeo-token");
    });
  });

  function fit() {
    tables.forEach((table) => { delete table.dataset.cards; });
    const wide = tables.filter((table) => {
      const column = table.closest(".md-typeset").getBoundingClientRect().width;
      // Material caps a table at its column's width and scrolls what does not fit inside it.
      return table.scrollWidth > table.clientWidth + 1 || table.getBoundingClientRect().width > column + 1;
    });
    wide.forEach((table) => { table.dataset.cards = ""; });
  }

  let pending = false;
  window.addEventListener("resize", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fit(); });
  });
  fit();
})();
