// The value a series of intervals, [start, value, start, value, …] with each start an index of
// `days` (ISO dates, earliest first), gives on an ISO day: that of the last start on or before it.
window.aeoValueOn = function (series, days, isoDay) {
  "use strict";
  let found = series[1];
  for (let i = 0; i < series.length; i += 2) {
    if (days[series[i]] <= isoDay) found = series[i + 1]; else break;
  }
  return found;
};
