// Measures, in the page, every chart's texts as the reader sees them: the SVG the <img> shows (the phone's or the
// laptop's drawing of a <picture>) is laid out again inline at the <img>'s rendered size, and each <text>'s box
// is compared with every other's. Returns, per chart, the pairs of texts whose boxes overlap by more than 1 px
// each way, and the drawing's natural width (the width the chart would be shown at with room to spare).
async () => {
  const results = [];
  for (const [i, img] of [...document.querySelectorAll("figure.mb-chart img.mb-chart-img")].entries()) {
    img.scrollIntoView();
    if (!img.complete || !img.currentSrc) await new Promise((done) => img.addEventListener("load", done, { once: true }));
    const style = getComputedStyle(img);
    const box = img.getBoundingClientRect();
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
    const texts = [...holder.querySelectorAll("text")].filter((t) => t.textContent.trim()).map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent.trim().slice(0, 40), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    holder.remove();
    const overlaps = [];
    for (const [j, a] of texts.entries()) {
      for (const b of texts.slice(j + 1)) {
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overlaps.push(`${JSON.stringify(a.text)} and ${JSON.stringify(b.text)} (${w.toFixed(0)} x ${h.toFixed(0)} px)`);
      }
    }
    results.push({ index: i, alt: img.alt.slice(0, 60), natural: img.naturalWidth, shown: width,
                   drawing: img.currentSrc && img.currentSrc !== img.src ? "phone" : "laptop", texts: texts.length, overlaps });
  }
  return results;
}
