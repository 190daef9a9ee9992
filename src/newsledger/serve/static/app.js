// Article page: show the record card of a highlight while it is hovered or focused.
// The popover is filled by cloning server-rendered (already escaped) nodes, never by
// assigning HTML strings, so article text cannot become markup here either.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var pop = document.getElementById("popover");
  if (!text || !pop) return;
  var current = null;

  function show(mark) {
    var card = document.getElementById(mark.getAttribute("data-ref"));
    if (!card) return;
    if (current) current.classList.remove("active");
    current = mark;
    mark.classList.add("active");
    var copy = card.cloneNode(true);
    copy.removeAttribute("id");
    pop.replaceChildren(copy);
    pop.hidden = false;
    var r = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.left = left + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hide() {
    if (current) current.classList.remove("active");
    current = null;
    pop.hidden = true;
  }

  // The innermost highlight under the pointer wins, so nested spans each show their own record.
  text.addEventListener("mouseover", function (ev) {
    var mark = ev.target.closest && ev.target.closest("mark.hl");
    if (mark) show(mark);
  });
  text.addEventListener("mouseleave", function () {
    if (!text.contains(document.activeElement)) hide();
  });
  text.addEventListener("focusin", function (ev) {
    var mark = ev.target.closest && ev.target.closest("mark.hl");
    if (mark) show(mark);
  });
  text.addEventListener("focusout", function (ev) {
    if (!ev.relatedTarget || !text.contains(ev.relatedTarget)) hide();
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") hide();
  });
})();
