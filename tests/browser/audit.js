// Run in the page by tests/browser/test_chromium.py: every problem a reader would notice
// (overflow, dead anchors, unlabelled links, skipped heading levels, low contrast) as data.
() => {
  const problems = [];
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width) {
    problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 0.5) problems.push(`<${el.localName}> overflows to ${box.right}px`);
  }
  for (const link of document.querySelectorAll("a")) {
    if (!link.textContent.trim()) problems.push(`link without text: ${link.getAttribute("href")}`);
    const href = link.getAttribute("href") || "";
    if (href.startsWith("#") && !document.getElementById(decodeURIComponent(href.slice(1)))) {
      problems.push(`anchor ${href} has no target`);
    }
  }
  let level = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const next = Number(h.localName[1]);
    if (next > level + 1) problems.push(`heading ${h.localName} "${h.textContent}" skips a level`);
    level = next;
  }
  if (!document.documentElement.lang) problems.push("no lang attribute");

  const rgba = (text) => (text.match(/[\d.]+/g) || [0, 0, 0, 0]).map(Number).concat([1]).slice(0, 4);
  const luminance = ([r, g, b]) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) return colour;
    }
    return [255, 255, 255, 1];
  };
  let checked = 0;
  for (const el of document.body.querySelectorAll("*")) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText || el.closest("title, desc")) continue;
    const style = getComputedStyle(el);
    const fg = rgba(el instanceof SVGElement ? style.fill : style.color);
    const [a, b] = [luminance(fg), luminance(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    checked += 1;
    if (ratio < (large ? 3 : 4.5)) {
      problems.push(`contrast ${ratio.toFixed(2)} for "${el.textContent.trim().slice(0, 40)}"`);
    }
  }
  return {problems, checked};
}
