// The map page: colours each place by the status, on the day the slider shows, of the
// administration clearing goods there as a partner of the administration chosen. Both are
// looked up in intervals the library gave when the site was built (docs_gen/mapdata.py):
// the page knows no rule of its own.
(function () {
  "use strict";
  const box = document.getElementById("aeo-map-box");
  if (!box) return;
  const data = JSON.parse(document.getElementById("aeo-map-data").textContent);
  const chosen = document.getElementById("aeo-map-admin");
  const slider = document.getElementById("aeo-map-day");
  const label = document.getElementById("aeo-map-date");
  const play = document.getElementById("aeo-map-play");
  const caption = document.getElementById("aeo-map-caption");
  const title = document.getElementById("aeo-map-title");
  const list = document.getElementById("aeo-map-list");
  const DAY = 86400000;
  const first = Date.parse(data.days[0] + "T00:00:00Z");
  const now = new Date();
  const last = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const on = (series, isoDay) => window.aeoValueOn(series, data.days, isoDay);
  const shapes = {};
  box.querySelectorAll("[data-code]").forEach((shape) => {
    (shapes[shape.dataset.code] = shapes[shape.dataset.code] || []).push(shape);
  });
  slider.max = String(Math.round((last - first) / DAY));
  slider.value = slider.max;

  // Each partner of the administration chosen, by status, on a day.
  function partners(ident, isoDay) {
    const by = {};
    Object.entries(data.administrations[ident].partners).forEach(([other, series]) => {
      const status = data.statuses[on(series, isoDay)];
      if (status !== "none") (by[status] = by[status] || []).push(other);
    });
    return by;
  }

  function show() {
    const ident = chosen.value;
    const chosenData = data.administrations[ident];
    const isoDay = new Date(first + Number(slider.value) * DAY).toISOString().slice(0, 10);
    label.textContent = isoDay;
    slider.setAttribute("aria-valuetext", isoDay);
    box.dataset.day = isoDay;
    box.dataset.administration = ident;
    const by = partners(ident, isoDay);
    const statusOf = {};
    Object.entries(by).forEach(([status, idents]) => idents.forEach((other) => { statusOf[other] = status; }));
    Object.entries(shapes).forEach(([code, drawn]) => {
      const clearing = on(data.places[code], isoDay);
      const status = clearing === null ? "none" : clearing === ident ? "self" : statusOf[clearing] || "none";
      drawn.forEach((shape) => { shape.dataset.status = status; });
    });
    by.self = [ident];
    box.querySelectorAll(".aeo-legend li").forEach((item) => {
      const count = (by[item.dataset.status] || []).length;
      item.querySelector(".aeo-count").textContent = String(count);
      item.hidden = !count && !["implemented", "signed"].includes(item.dataset.status);
    });
    box.querySelector('.aeo-legend li[data-status="self"] .aeo-label').textContent = chosenData.name;
    const union = on(chosenData.union, isoDay);
    box.querySelector('.aeo-legend li[data-status="self"] .aeo-count').textContent = union
      ? `inside the ${data.administrations[union].name}'s customs territory` : "its own customs territory";
    const complete = on(chosenData.complete, isoDay);
    title.textContent = `AEO mutual recognition partners of ${chosenData.name} on ${isoDay}`;
    const transitive = "Recognition is not transitive: a partner's partner is not a partner.";
    if (union) {  // its AEOs were the union's: the union's partners recognised them
      const unionName = data.administrations[union].name;
      const link = Object.assign(document.createElement("a"), {
        href: `?administration=${union}`, textContent: `the ${unionName}'s partners`,
      });
      caption.replaceChildren(`${chosenData.name} (${ident}) on ${isoDay}: inside the customs territory of the ${unionName} (${union}), `
        + `so its AEOs were the ${unionName}'s, recognised by `, link, `. ${transitive}`);
    } else {
      caption.textContent = `${chosenData.name} (${ident}) on ${isoDay}: its list of partners in the data is `
        + (complete ? "complete on that day. " : "partial, so a grey place may be a partner not yet recorded. ")
        + transitive;
    }
    list.replaceChildren(...data.statuses.filter((s) => s !== "none" && s !== "self" && by[s]).map((status) => {
      const p = document.createElement("p");
      const names = by[status].map((other) => data.administrations[other].name).sort();
      const title = box.querySelector(`.aeo-legend li[data-status="${status}"] .aeo-label`).textContent;
      p.dataset.status = status;
      p.append(Object.assign(document.createElement("strong"), { textContent: `${title} (${names.length}): ` }), names.join(", "));
      return p;
    }));
  }

  let timer = null;
  function stop() { clearInterval(timer); timer = null; play.textContent = "Play"; }
  play.addEventListener("click", () => {
    if (timer) { stop(); return; }
    if (Number(slider.value) >= Number(slider.max)) slider.value = "0";
    play.textContent = "Pause";
    timer = setInterval(() => {
      slider.value = String(Math.min(Number(slider.max), Number(slider.value) + 30));
      show();
      if (Number(slider.value) >= Number(slider.max)) stop();
    }, 60);
  });
  slider.addEventListener("input", () => { stop(); show(); });
  // ?administration=KR (or kr, or South Korea) opens the map on Korea's partners, and the
  // address follows the choice. One the data does not know is said above the map, with the
  // administrations whose names contain it (up to three); the map shows China's, and says so.
  const asked = (new URLSearchParams(window.location.search).get("administration") || "").trim();
  const note = document.createElement("p");
  note.id = "aeo-map-note";
  note.className = "aeo-map-note";
  note.setAttribute("role", "alert");
  note.hidden = true;
  box.prepend(note);
  if (asked) {
    const wanted = asked.toLowerCase();
    const entries = Object.entries(data.administrations);
    const found = entries.find(([ident, a]) => ident.toLowerCase() === wanted || a.name.toLowerCase() === wanted);
    if (found) {
      chosen.value = found[0];
    } else {
      const near = entries.filter(([, a]) => a.name.toLowerCase().includes(wanted)).map(([ident, a]) => `${a.name} (${ident})`);
      note.textContent = `The world data has no administration "${asked}"`
        + (near.length && near.length <= 3 ? ` (did you mean ${near.join(" or ")}?)` : "")
        + `: the map shows ${data.administrations[chosen.value].name}'s partners. Choose an administration below.`;
      note.hidden = false;
    }
  }
  chosen.addEventListener("change", () => {
    note.hidden = true;
    const address = new URL(window.location.href);
    address.searchParams.set("administration", chosen.value);
    window.history.replaceState(null, "", address);
    show();
  });
  show();
})();
