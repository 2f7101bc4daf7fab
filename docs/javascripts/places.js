// A place's name resolved as the library resolves it (aeo_mra/places.py, PlaceIndex.resolve),
// over what the build exported from it (docs_gen/checker.py, resolution): its index of
// normalised names, the placeholders and unions it refuses, and its messages. The browser
// tests compare what this gives with the library's answers and messages.
window.aeoResolver = function (data) {
  "use strict";
  const placeholders = new Set(data.placeholders);
  const errorValues = new Set(data.error_values);
  const limits = data.limits;
  const keys = Object.keys(data.index);

  // Python's repr() of a string, cut short as the library's errors quote it (_quoted).
  function quoted(text) {
    const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
    const escaped = text.replace(/[\\\n\r\t]/g, (c) => ({ "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]);
    const repr = quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
    const points = [...repr];
    return points.length <= 80 ? repr : points.slice(0, 79).join("") + "…";
  }

  // Compatibility form without accents and invisible marks; then normalise()'s key.
  const visible = (text) => text.normalize("NFKD").replace(/[\p{Mn}\p{Cf}\p{Cc}]/gu, "");
  const casefold = (text) => text.toLowerCase().replaceAll("ß", "ss").replaceAll("ς", "σ");
  const isUpper = (text) => text === text.toUpperCase() && text !== text.toLowerCase();
  function normalise(text) {
    const kept = casefold(visible(text)).replace(/[.'’`]/g, "");
    const key = kept.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    return key.startsWith("the ") ? key.slice(4) : key;
  }

  function fill(template, parts) {
    return Object.entries(parts).reduce((text, [name, part]) => text.replaceAll(`@@${name}@@`, part), template);
  }

  function refused(place, kind, template, parts) {
    return { error: kind, text: fill(template, { PLACE: quoted(place), ...parts }) };
  }

  // difflib.SequenceMatcher(None, candidate, word).ratio(), on code points.
  function ratio(candidate, word) {
    const a = [...candidate], b = [...word];
    const where = new Map();
    b.forEach((c, j) => { if (!where.has(c)) where.set(c, []); where.get(c).push(j); });
    function longest(alo, ahi, blo, bhi) {
      let best = [alo, blo, 0], lengths = new Map();
      for (let i = alo; i < ahi; i += 1) {
        const next = new Map();
        for (const j of where.get(a[i]) || []) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (lengths.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > best[2]) best = [i - k + 1, j - k + 1, k];
        }
        lengths = next;
      }
      return best;
    }
    let matched = 0;
    const queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = longest(alo, ahi, blo, bhi);
      if (!k) continue;
      matched += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    const total = a.length + b.length;
    return total ? 2 * matched / total : 1;
  }

  // difflib.get_close_matches(key, keys, n=6, cutoff=0.75), then the places' names.
  function suggestions(key) {
    const length = [...key].length;
    const close = [];
    keys.forEach((candidate) => {
      const other = [...candidate].length;
      if (2 * Math.min(length, other) / (length + other) < 0.75) return;
      const score = ratio(candidate, key);
      if (score >= 0.75) close.push([score, candidate]);
    });
    close.sort((x, y) => y[0] - x[0] || (y[1] > x[1] ? 1 : y[1] < x[1] ? -1 : 0));
    const names = [...new Set(close.slice(0, 6).map(([, candidate]) => data.quoted[data.index[candidate]]))];
    return names.slice(0, 3);
  }

  function unknown(place, key) {
    const messages = data.messages;
    const union = data.unions[key];
    if (union !== undefined) return refused(place, "UnknownPlaceError", messages.union[union], {});
    const found = key && [...key].length <= limits.longest ? suggestions(key) : [];
    if (!found.length) return refused(place, "UnknownPlaceError", messages.unknown, {});
    const parts = Object.fromEntries(found.map((name, i) => [`S${i + 1}`, name]));
    return refused(place, "UnknownPlaceError", messages.suggested[found.length - 1], parts);
  }

  // Placeholders, and short words read as codes unless in upper case (_refuse_words).
  function refuseWords(place, key) {
    let written = visible(place).trim();
    if (placeholders.has(casefold(written)) || (key === "na" && written !== "NA")) {
      return refused(place, "UnknownPlaceError", data.messages.placeholder, {});
    }
    if (casefold(written.slice(0, 4)) === "the ") written = written.slice(4).trimStart();
    if (/^[a-z]+$/.test(key) && !isUpper(written)) {
      const upper = written.toUpperCase();
      const code = data.index[normalise(upper)];
      if (code !== undefined) {
        const parts = { UPPER: quoted(upper), NAME: data.quoted[code].slice(1, -1) };
        return refused(place, "UnknownPlaceError", data.messages.code, parts);
      }
    }
    return null;
  }

  // {code} for a place, or {error, text}: the library's exception and message.
  return function resolve(place) {
    const length = [...place].length;
    if (length > limits.place) {
      return refused(place, "UnknownPlaceError", data.messages.long, { LENGTH: length.toLocaleString("en-US") });
    }
    if (/[#＃]/.test(place) && errorValues.has(casefold(visible(place).trim().replace(/^'+/, "")))) {
      return refused(place, "UnknownPlaceError", data.messages.error_value, {});  // #N/A
    }
    let key = normalise(place);
    if ([...key].length <= limits.short || placeholders.has(key)) {
      const refusal = refuseWords(place, key);
      if (refusal) return refusal;
    }
    if (/^[0-9]+$/.test(key)) {  // a numeric code: "056" is 56, "0.56" none
      const plain = /^[0-9]+$/.test(visible(place).trim().replace(/^['"]+|['"]+$/g, ""));
      key = plain ? key.replace(/^0+/, "") || "0" : "";
    }
    const code = data.index[key];
    if (code === undefined) return unknown(place, key);
    if (code === "CN") return refused(place, "DomesticPlaceError", data.messages.domestic, {});
    return { code };
  };
};
