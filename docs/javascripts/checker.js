// The checker page: looks up answers the library gave when the site was built
// (window.AEO_CHECKER, written by docs_gen/checker.py). It knows no rule of its own.
(function () {
  "use strict";
  const data = window.AEO_CHECKER;
  const root = document.getElementById("aeo-checker");
  if (!data || !root) return;

  const $ = (id) => document.getElementById(id);
  const resolve = window.aeoResolver(data.resolution);
  const place = $("aeo-place"), day = $("aeo-day"), role = $("aeo-role"), tier = $("aeo-tier");
  const answer = $("aeo-answer");
  const ROLES = {
    china: { exporter: "exporter: ships goods to the place", importer: "importer: receives goods from it" },
    foreign: { exporter: "exporter: ships goods to China", importer: "importer: receives goods from China" },
  };

  function mode() {
    return root.querySelector("input[name=aeo-mode]:checked").value;
  }

  // items: [value, label] pairs, or {label, items} for a group of them.
  function options(select, items, keep) {
    const old = keep ? select.value : null;
    const option = ([value, label]) => new Option(label, value);
    select.replaceChildren(...items.map((item) => {
      if (Array.isArray(item)) return option(item);
      const group = document.createElement("optgroup");
      group.label = item.label;
      group.append(...item.items.map(option));
      return group;
    }));
    if (old !== null && [...select.options].some((o) => o.value === old)) select.value = old;
  }

  function tierOptions(code) {
    if (mode() === "china") {
      const groups = [];  // by the period the tiers were in use, in the order first met
      data.tiers.forEach((t) => {
        let group = groups.find((g) => g.label === t.period);
        if (!group) groups.push(group = { label: t.period, items: [] });
        group.items.push([t.name, `${t.description} (${t.zh}) — ${t.name}`]);
      });
      return [["", "China's AEO tier on that day (default)"], ...groups];
    }
    const tiers = code && data.places[code] ? data.places[code].tiers : [];
    return tiers.map(([value, name]) => [value, value ? `${value}: ${name}` : "any tier (no arrangement ever covered this place)"]);
  }

  function lookup(seriesIndex, isoDay) {
    return data.records[window.aeoValueOn(data.series[seriesIndex], data.days, isoDay)];
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function list(title, items, make) {
    if (!items.length) return [];
    const ul = element("ul");
    items.forEach((item) => ul.append(make(item)));
    return [element("p", title, { class: "aeo-list-title" }), ul];
  }

  function showError(kind, text) {
    answer.dataset.state = "error";
    answer.dataset.error = kind;
    ["qualifies", "verdict", "reason", "arrangement"].forEach((k) => delete answer.dataset[k]);
    answer.replaceChildren(element("p", text, { class: "aeo-text aeo-error" }));
  }

  function update() {
    const found = resolve(place.value);
    const code = found.code;
    const isoDay = day.value;
    options(tier, tierOptions(code || null), true);
    if (found.error) {
      showError(found.error, found.text);
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) {
      showError("TypeError", "Pick a day.");
      return;
    }
    const entry = data.places[code];
    const key = `${role.value}/${tier.value}`;
    const record = lookup(entry[mode()][key], isoDay);
    const text = data.strings[record.text].replaceAll("{on}", isoDay);
    if (record.error) {
      showError(record.error, text);
      return;
    }
    answer.dataset.state = "answer";
    answer.dataset.qualifies = String(record.qualifies);
    answer.dataset.verdict = record.verdict;
    answer.dataset.reason = record.reason;
    answer.dataset.arrangement = record.arrangement || "";
    delete answer.dataset.error;
    const link = record.arrangement
      ? element("a", `arrangement ${record.arrangement}`, { href: `../data/arrangements/#${record.arrangement.toLowerCase()}` })
      : null;
    const head = element("p", undefined, { class: "aeo-verdict" });
    const tone = { yes: "aeo-yes", no: "aeo-no" }[record.verdict] || "aeo-maybe";
    head.append(element("strong", data.verdicts[record.verdict], { class: tone }),
      ` ${entry.name} ${entry.zh} · ${isoDay} · ${record.reason}`);
    if (link) head.append(" · ", link);
    answer.replaceChildren(
      head,
      element("p", text, { class: "aeo-text" }),
      ...list("Benefits", record.benefits, (i) => element("li", data.strings[i])),
      ...list("Caveats", record.caveats, (i) => element("li", data.strings[i].replaceAll("{on}", isoDay))),
      ...list("Sources", record.sources, (id) => {
        const li = element("li", undefined, { "data-source": id });
        const source = data.sources[id];
        li.append(element("a", source.title, { href: source.urls[0] }));
        source.urls.slice(1).forEach((url, n) => li.append(" ", element("a", `[${n + 2}]`, { href: url })));
        return li;
      }),
      element("p", `Data version ${data.version}, last reviewed ${data.reviewed}.`, { class: "aeo-version" }),
    );
  }

  function setMode() {
    options(role, Object.entries(ROLES[mode()]), true);
    update();
  }

  const datalist = $("aeo-place-names");
  Object.values(data.places)
    .sort((a, b) => a.name.localeCompare(b.name))
    .forEach((p) => datalist.append(new Option(`${p.name} ${p.zh}`, p.name)));
  const today = new Date();
  day.value = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  root.querySelectorAll("input[name=aeo-mode]").forEach((r) => r.addEventListener("change", setMode));
  [place, day, role, tier].forEach((input) => input.addEventListener("input", update));
  [role, tier].forEach((input) => input.addEventListener("change", update));
  root.hidden = false;
  setMode();
})();
