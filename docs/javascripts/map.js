// The map page: colours each partner by its status on the day the slider shows, from the
// statuses the library gave when the site was built (docs_gen/worldmap.py).
(function () {
  "use strict";
  const box = document.getElementById("aeo-map-box");
  if (!box) return;
  const data = JSON.parse(document.getElementById("aeo-map-data").textContent);
  const slider = document.getElementById("aeo-map-day");
  const label = document.getElementById("aeo-map-date");
  const play = document.getElementById("aeo-map-play");
  const list = document.getElementById("aeo-map-list");
  const DAY = 86400000;
  const first = Date.parse(data.days[0] + "T00:00:00Z");
  const now = new Date();
  const last = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  slider.max = String(Math.round((last - first) / DAY));
  slider.value = slider.max;

  function statusOn(code, isoDay) {
    return data.statuses[window.aeoValueOn(data.series[code], data.days, isoDay)];
  }

  function show() {
    const isoDay = new Date(first + Number(slider.value) * DAY).toISOString().slice(0, 10);
    label.textContent = isoDay;
    box.dataset.day = isoDay;
    const by = {};
    Object.keys(data.series).forEach((code) => {
      const status = statusOn(code, isoDay);
      box.querySelectorAll(`[data-code="${code}"]`).forEach((shape) => { shape.dataset.status = status; });
      (by[status] = by[status] || []).push(code);
    });
    box.querySelectorAll(".aeo-legend li").forEach((item) => {
      item.querySelector(".aeo-count").textContent = String((by[item.dataset.status] || []).length);
    });
    list.replaceChildren(...data.statuses.filter((s) => s !== "none" && by[s]).map((status) => {
      const p = document.createElement("p");
      const names = by[status].map((code) => data.names[code][0]).sort();
      const title = box.querySelector(`.aeo-legend li[data-status="${status}"]`).firstChild.nextSibling.textContent;
      p.dataset.status = status;
      p.append(Object.assign(document.createElement("strong"), { textContent: title.replace(/: $/, "") + ": " }), names.join(", "));
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
  show();
})();
