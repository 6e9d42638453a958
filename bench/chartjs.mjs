// The standard chart drawn by Chart.js 4 on @napi-rs/canvas, for bench/run.py.
//
//   node bench/chartjs.mjs CHART.json OUT.png            one cold draw (what a CGI-style process does)
//   node bench/chartjs.mjs CHART.json OUT.png --warm N   N draws in this process; prints their times as JSON
//
// CHART.json holds {width, height, title, legend: [...], series: [[...], ...]}: the same data as
// dyngraph's and matplotlib's standard chart. Chart.js gets its best case: no animation, no
// responsiveness, devicePixelRatio 1; a white background is painted (like the others' images).
import { readFileSync, writeFileSync } from "node:fs";
import { createCanvas } from "@napi-rs/canvas";
import { Chart, registerables } from "chart.js";

Chart.register(...registerables);
const [input, output, flag, count] = process.argv.slice(2);
const chart = JSON.parse(readFileSync(input, "utf8"));
const colours = ["#0072b2", "#e69f00", "#009e73"];
const whiteBackground = {
  id: "whiteBackground",
  beforeDraw(c) {
    const { ctx } = c;
    ctx.save();
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.restore();
  },
};

function draw() {
  const canvas = createCanvas(chart.width, chart.height);
  const drawing = new Chart(canvas.getContext("2d"), {
    type: "line",
    data: {
      datasets: chart.series.map((values, i) => ({
        label: chart.legend[i],
        data: values.map((y, x) => ({ x, y })),
        borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length],
        borderWidth: 2,
        pointRadius: 0,
      })),
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      parsing: false,
      plugins: { title: { display: true, text: chart.title }, legend: { display: true } },
      scales: { x: { type: "linear", grid: { display: true } }, y: { grid: { display: true } } },
    },
    plugins: [whiteBackground],
  });
  const png = canvas.toBuffer("image/png");
  drawing.destroy();
  return png;
}

if (flag === "--warm") {
  const times = [];
  let png;
  for (let i = 0; i < 3; i++) draw(); // warm-up: JIT, fonts
  for (let i = 0; i < Number(count); i++) {
    const start = process.hrtime.bigint();
    png = draw();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  writeFileSync(output, png);
  process.stdout.write(JSON.stringify({ times, bytes: png.length }) + "\n");
} else {
  writeFileSync(output, draw());
}
