// Measures, in the page, the size at which every text of every chart is drawn (CSS px).
// A chart is an <img> of an SVG whose text stays text (svg.fonttype "none"), so the browser scales it
// with the picture: the SVG is laid out again, inline, at the <img>'s rendered size, and each <text>'s
// font size is multiplied by the scale the browser applies to it (getScreenCTM).
async () => {
  const results = [];
  for (const [i, img] of [...document.querySelectorAll("figure.mb-chart img")].entries()) {
    // A lazy image below the screen has no currentSrc yet: which drawing a <picture> shows (the phone's or the
    // laptop's) is known once it has loaded.
    img.scrollIntoView();
    if (!img.complete || !img.currentSrc) await new Promise((done) => img.addEventListener("load", done, { once: true }));
    const box = img.getBoundingClientRect();
    const style = getComputedStyle(img);
    const width = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
      - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    const height = box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
      - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
    const source = await (await fetch(img.currentSrc || img.src)).text();
    const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
    svg.setAttribute("width", `${width}px`);
    svg.setAttribute("height", `${height}px`);
    const holder = document.createElement("div");
    holder.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;";
    holder.appendChild(document.importNode(svg, true));
    document.body.appendChild(holder);
    const sizes = [];
    for (const t of holder.querySelectorAll("text")) {
      if (!t.textContent.trim()) continue;
      const m = t.getScreenCTM();
      const scale = Math.sqrt(m.a * m.a + m.b * m.b);
      sizes.push({ text: t.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(t).fontSize) * scale });
    }
    holder.remove();
    const smallest = sizes.reduce((a, b) => (b.px < a.px ? b : a), { text: "", px: Infinity });
    results.push({ index: i, alt: img.alt.slice(0, 60), rendered: width, texts: sizes.length, smallest });
  }
  return results;
}
