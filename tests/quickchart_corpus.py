"""Real QuickChart URLs and configs, each with where it was published.

Two sets: ``CORPUS`` (used while building the mapping; the gallery in
docs/quickchart.md is drawn from it) and ``HELD_OUT`` (collected afterwards
from public READMEs and code and not used to tune the mapping: it measures
how many real URLs draw, see tests/test_quickchart_corpus.py).

Each entry: (name, query string after ``?``, source). URLs are kept as
published, encoded or not; configs quoted from QuickChart's documentation
(typpo/quickchart-docs) are turned into the ``c=`` URL the docs' own
``ChartExample`` component builds (``encodeURIComponent(config)``, plus its
``width``/``height`` props), the config text verbatim.
"""

from urllib.parse import quote

DOCS = "typpo/quickchart-docs"
TYPES = f"{DOCS} documentation/chart-types.mdx (QuickChart's chart types page)"


def _docs(config, extra=""):
    return "c=" + quote(config, safe="") + extra


CORPUS = [
    ("docs-bar", _docs("""{
  type: 'bar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [
      { label: 'Dogs', data: [50, 60, 70, 180, 190] },
      { label: 'Cats', data: [100, 200, 300, 400, 500] },
    ],
  },
}"""), TYPES + ", bar chart"),
    ("docs-line", _docs("""{
  type: 'line',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [
      {
        label: 'Dogs',
        data: [50, 60, 70, 180, 190],
        fill: false,
        borderColor: 'blue',
      },
      {
        label: 'Cats',
        data: [100, 200, 300, 400, 500],
        fill: false,
        borderColor: 'green',
      },
    ],
  },
}"""), TYPES + ", line graph"),
    ("docs-radar", _docs("""{
  type: 'radar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [
      { label: 'Dogs', data: [50, 60, 70, 180, 190] },
      { label: 'Cats', data: [100, 200, 300, 400, 500] },
    ],
  },
}"""), TYPES + ", radar chart"),
    ("docs-pie", _docs("""{
  type: 'pie',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [{ data: [50, 60, 70, 180, 190] }],
  },
}"""), TYPES + ", pie chart"),
    ("docs-doughnut", _docs("""{
  type: 'doughnut',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [{ data: [50, 60, 70, 180, 190] }],
  },
  options: {
    plugins: {
      doughnutlabel: {
        labels: [{ text: '550', font: { size: 20 } }, { text: 'total' }],
      },
    },
  },
}"""), TYPES + ", doughnut chart (doughnutlabel plugin)"),
    ("docs-polar", _docs("""{
  type: 'polarArea',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [{ data: [50, 60, 70, 180, 190] }],
  },
}"""), TYPES + ", polar chart"),
    ("docs-scatter", _docs("""{
  type: 'scatter',
  data: {
    datasets: [
      {
        label: 'Data 1',
        data: [
          { x: 2, y: 4 },
          { x: 3, y: 3 },
          { x: -10, y: 0 },
          { x: 0, y: 10 },
          { x: 10, y: 5 },
        ],
      },
    ],
  },
}"""), TYPES + ", scatter plot"),
    ("docs-bubble", _docs("""{
  type: 'bubble',
  data: {
    datasets: [
      {
        label: 'Data 1',
        data: [
          { x: 1, y: 4, r: 9 },
          { x: 2, y: 4, r: 6 },
          { x: 3, y: 8, r: 30 },
          { x: 0, y: 10, r: 1 },
          { x: 10, y: 5, r: 5 },
        ],
      },
    ],
  },
}"""), TYPES + ", bubble chart"),
    ("docs-radial-gauge", _docs("""{
  type: 'radialGauge',
  data: { datasets: [{ data: [70], backgroundColor: 'green' }] },
}"""), TYPES + ", radial gauge (a plugin chart type dyngraph does not draw)"),
    ("docs-violin", _docs("""{
  type: 'violin',
  data: {
    labels: [2012, 2013, 2014, 2015],
    datasets: [
      {
        label: 'Data',
        data: [
          [12, 6, 3, 4],
          [1, 8, 8, 15],
          [1, 1, 1, 2, 3, 5, 9, 8],
          [19, -3, 18, 8, 5, 9, 9],
        ],
        backgroundColor: 'rgba(56,123,45,0.2)',
        borderColor: 'rgba(56,123,45,1.9)',
      },
    ],
  },
}"""), TYPES + ", violin chart (a plugin chart type dyngraph does not draw)"),
    ("docs-sparkline", _docs("""{
  type: 'sparkline',
  data: { datasets: [{ data: [140, 60, 274, 370, 199] }] },
}""", "&w=300&h=100"), TYPES + ", sparklines (width 300, height 100)"),
    ("docs-progress-bar", _docs("""{
  type: 'progressBar',
  data: {
    datasets: [
      {
        data: [50],
      },
    ],
  },
}""", "&w=300&h=50"), TYPES + ", progress bars (width 300, height 50)"),
    ("docs-mixed", _docs("""{
  type: 'bar',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May'],
    datasets: [
      { label: 'Dogs', data: [50, 60, 70, 180, 190] },
      { label: 'Cats', data: [100, 200, 300, 400, 500] },
      {
        type: 'line',
        fill: false,
        label: 'Potatoes',
        data: [100, 400, 200, 400, 700],
      },
    ],
  },
}"""), TYPES + ", mixed charts"),
    ("docs-legend-right", _docs("""{
  type: 'line',
  data: {
    labels: [2016, 2017, 2018, 2019, 2020],
    datasets: [
      {
        label: 'Dollars',
        data: [1000, 1234, 2020, 2005, 1300],
      },
      {
        label: 'Users',
        data: [50, 150, 250, 350, 400],
      }
    ],
  },
  options: {
    legend: {
      display: true,
      position: 'right',
      align: 'start'
    }
  }
}"""), f"{DOCS} docs/reference/legend.mdx"),
    ("docs-gridlines-v2", _docs("""{
  type: 'bar',
  data: {
    labels: ['Q1', 'Q2', 'Q3', 'Q4'],
    datasets: [{
      label: 'Users',
      data: [50, 60, 70, 180]
    }]
  },
  options: {
    scales: {
      yAxes: [{
        gridLines: {
          display: false
        }
      }]
    }
  }
}"""), f"{DOCS} docs/reference/grid-lines.mdx, Chart.js v2"),
    ("docs-gridlines-v3", _docs("""{
  type: 'bar',
  data: {
    labels: ['Q1', 'Q2', 'Q3', 'Q4'],
    datasets: [{
      label: 'Users',
      data: [50, 60, 70, 180]
    }]
  },
  options: {
    scales: {
      y: {
        grid: {
          display: false
        }
      }
    }
  }
}""", "&v=3"), f"{DOCS} docs/reference/grid-lines.mdx, Chart.js v3 (version 3)"),
    ("docs-line-style", _docs("""{
  type: 'line',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [
      {
        data: [-15, -80, null, -11, -5, 33, -57],
        fill: false,
        borderColor: 'red',
        borderDash: [5, 5],
        borderWidth: 1,
        lineTension: 0.4,
        spanGaps: true,
      }]
  },
  options: {
    legend: {
      display: false,
    },
  },
}"""), f"{DOCS} docs/reference/line-style.mdx"),
    ("docs-progress-15-of-30", _docs("""{
  type: 'progressBar',
  data: {
    datasets: [{
      data: [15]
    }, {
      data: [30]
    }]
  },
  options: {
    plugins: {
      datalabels: {
        display: false,
      }
    }
  }
}""", "&w=300&h=100"), f"{DOCS} documentation/guides/custom-progress-bar.md"),
    ("docs-progress-fundraiser", _docs("""{
  type: 'progressBar',
  data: {
    datasets: [{
      data: [20000],
      backgroundColor: 'green',
    }, {
      data: [50000]
    }]
  },
  options: {
    plugins: {
      datalabels: {
        formatter: (val) => {
          return '$' + val.toLocaleString();
        },
      }
    }
  }
}""", "&w=300&h=100"), f"{DOCS} documentation/guides/custom-progress-bar.md (a formatter function)"),
    ("docs-progress-dynamic-label",
     "h=100&c=%7B%0A%20%20type%3A%20%27progressBar%27%2C%0A%20%20data%3A%20%7B%0A%20%20%20%20datasets%3A%20%5B%0A"
     "%20%20%20%20%20%20%7B%0A%20%20%20%20%20%20%20%20data%3A%20%5B10%5D%2C%0A%20%20%20%20%20%20%7D%2C%0A%20%20%20%20"
     "%5D%2C%0A%20%20%7D%2C%0A%20%20options%3A%20%7B%0A%20%20%20%20plugins%3A%20%7B%0A%20%20%20%20%20%20datalabels%3A"
     "%20%7B%0A%20%20%20%20%20%20%20%20font%3A%20%7B%0A%20%20%20%20%20%20%20%20%20%20size%3A%2040%2C%0A%20%20%20%20"
     "%20%20%20%20%7D%2C%0A%20%20%20%20%20%20%20%20color%3A%20(context)%20%3D%3E%0A%20%20%20%20%20%20%20%20%20%20"
     "context.dataset.data%5Bcontext.dataIndex%5D%20%3E%2015%20%3F%20%27%23fff%27%20%3A%20%27%23000%27%2C%0A%20%20"
     "%20%20%20%20%20%20anchor%3A%20(context)%20%3D%3E%0A%20%20%20%20%20%20%20%20%20%20context.dataset.data%5Bcontext"
     ".dataIndex%5D%20%3E%2015%20%3F%20%27center%27%20%3A%20%27end%27%2C%0A%20%20%20%20%20%20%20%20align%3A%20"
     "(context)%20%3D%3E%0A%20%20%20%20%20%20%20%20%20%20context.dataset.data%5Bcontext.dataIndex%5D%20%3E%2015%20"
     "%3F%20%27center%27%20%3A%20%27right%27%2C%0A%20%20%20%20%20%20%7D%2C%0A%20%20%20%20%7D%2C%0A%20%20%7D%2C%0A%7D"
     "&devicePixelRatio=1",
     f"{DOCS} documentation/guides/custom-progress-bar.md (published image URL, arrow functions)"),
    ("sparkline-api-plain", "c={type:'sparkline',data:{datasets:[{data:[140,60,274,370,199]}]}}",
     f"{DOCS} documentation/apis/sparkline-api.md (the URL as printed)"),
    ("sparkline-api-colours",
     "bkg=white&c={type:'sparkline',data:{datasets:[{backgroundColor:'rgba(255,0,0,0.2)',borderColor:'red',"
     "data:[140,60,274,370,199]}]}}", f"{DOCS} documentation/apis/sparkline-api.md, custom colors"),
    ("sparkline-api-no-fill", "bkg=white&c={type:'sparkline',data:{datasets:[{fill:false,data:[140,60,274,370,199]}]}}",
     f"{DOCS} documentation/apis/sparkline-api.md, custom border/fill"),
    ("sparkline-api-two-lines",
     "bkg=white&c=%7B%0A%20%20type%3A%20%27sparkline%27%2C%0A%20%20data%3A%20%7B%0A%20%20%20%20datasets%3A%20%5B%7B%0A"
     "%20%20%20%20%20%20data%3A%20%5B140%2C%2060%2C%20274%2C%20370%2C%20199%5D%2C%0A%20%20%20%20%20%20fill%3A%20false"
     "%0A%20%20%20%20%7D%2C%20%7B%0A%20%20%20%20%20%20data%3A%20%5B40%2C%20165%2C%2074%2C%2070%2C%2099%5D%2C%0A%20%20"
     "%20%20%20%20fill%3A%20false%0A%20%20%20%20%7D%5D%0A%20%20%7D%0A%7D",
     f"{DOCS} documentation/apis/sparkline-api.md, multiple lines (published image URL)"),
    ("sparkline-api-dotted",
     "bkg=white&c=%7B%0A%20%20type%3A%20%27sparkline%27%2C%0A%20%20data%3A%20%7B%0A%20%20%20%20datasets%3A%20%5B%7B%0A"
     "%20%20%20%20%20%20pointRadius%3A%203%2C%0A%20%20%20%20%20%20borderWidth%3A%203%2C%0A%20%20%20%20%20%20borderDash"
     "%3A%20%5B10%2C%202%5D%2C%0A%20%20%20%20%20%20lineTension%3A%200.3%2C%0A%20%20%20%20%20%20fill%3A%20false%2C%0A"
     "%20%20%20%20%20%20data%3A%20%5B140%2C%2060%2C%20274%2C%20370%2C%20199%5D%0A%20%20%20%20%7D%5D%0A%20%20%7D%0A%7D",
     f"{DOCS} documentation/apis/sparkline-api.md, other customizations (published image URL)"),
    ("sparkline-api-gradient",
     "c=%7B%0A%20%20type%3A%20%27sparkline%27%2C%0A%20%20data%3A%20%7B%0A%20%20%20%20datasets%3A%20%5B%7B%0A%20%20%20%20"
     "%20%20pointRadius%3A%203%2C%0A%20%20%20%20%20%20borderWidth%3A%203%2C%0A%20%20%20%20%20%20lineTension%3A%200.3"
     "%2C%0A%20%20%20%20%20%20backgroundColor%3A%20getGradientFillHelper(%27vertical%27%2C%20%5B%27%236287a2%27%2C%20"
     "%27%23e9ecf4%27%5D)%2C%0A%20%20%20%20%20%20data%3A%20%5B140%2C%2060%2C%20274%2C%20370%2C%20199%5D%0A%20%20%20%20"
     "%7D%5D%0A%20%20%7D%0A%7D",
     f"{DOCS} documentation/apis/sparkline-api.md, gradient fill (published image URL; the helper is never run)"),
    ("readme-bar-encoded",
     "bkg=white&c=%7Btype%3A%27bar%27%2Cdata%3A%7Blabels%3A%5B%27January%27%2C%27February%27%2C%27March%27%2C%27April"
     "%27%2C%27May%27%5D%2Cdatasets%3A%5B%7Blabel%3A%27Dogs%27%2Cdata%3A%5B50%2C60%2C70%2C180%2C190%5D%7D%2C%7Blabel%3A"
     "%27Cats%27%2Cdata%3A%5B100%2C200%2C300%2C400%2C500%5D%7D%5D%7D%7D",
     "typpo/quickchart README.md, 'See it in action' image"),
    ("readme-bar-raw",
     "width=500&height=300&c={type:'bar',data:{labels:['January','February','March','April','May'],datasets:[{label:"
     "'Dogs',data:[50,60,70,180,190]},{label:'Cats',data:[100,200,300,400,500]}]}}",
     "typpo/quickchart README.md, the same chart's URL as printed"),
    ("awesome-doughnut",
     "bkg=white&c=%7B%0A%20%20type%3A%20%27doughnut%27%2C%0A%20%20data%3A%20%7B%0A%20%20%20%20labels%3A%20%5B%0A%20%20"
     "%20%20%20%20%27Cooking%27%2C%0A%20%20%20%20%20%20%27Sleeping%20%26%20Dreaming%20about%20solutions%27%2C%0A%20%20"
     "%20%20%20%20%27Brainstorming%20with%20my%20team%2C%20value%20their%20work%27%2C%0A%20%20%20%20%20%20%27Design%2C"
     "%20Architecture%27%2C%0A%20%20%20%20%20%20%27Prototyping%2C%20Development%27%2C%0A%20%20%20%20%20%20%27Family%20"
     "time%2C%20playing%20with%20my%20son%27%2C%0A%20%20%20%20%20%20%27Reading%20news%27%2C%0A%20%20%20%20%5D%2C%0A%20"
     "%20%20%20datasets%3A%20%5B%7B%0A%20%20%20%20%20%20data%3A%20%5B3%2C%2024%2C%2031%2C%2015%2C%2010%2C%2010%2C%208"
     "%5D%2C%0A%20%20%20%20%20%20backgroundColor%3A%20%5B%0A%20%20%20%20%20%20%20%20%27%23fef0d9%27%2C%0A%20%20%20%20"
     "%20%20%20%20%27%23fdd49e%27%2C%0A%20%20%20%20%20%20%20%20%27%23fdbb84%27%2C%0A%20%20%20%20%20%20%20%20%27%23fc8d59"
     "%27%2C%0A%20%20%20%20%20%20%20%20%27%23ef6548%27%2C%0A%20%20%20%20%20%20%20%20%27%23d7301f%27%2C%0A%20%20%20%20%20"
     "%20%20%20%27%23990000%27%2C%0A%20%20%20%20%20%20%5D%2C%0A%20%20%20%20%7D%5D%0A%20%20%7D%2C%0A%20%20options%3A%20"
     "%7B%0A%20%20%20%20title%3A%20%7B%0A%20%20%20%20%20%20display%3A%20true%2C%0A%20%20%20%20%20%20text%3A%20%27My%20"
     "worklife%20balance%27%0A%20%20%20%20%7D%2C%0A%20%20%20%20legend%3A%20%7B%0A%20%20%20%20%20%20display%3A%20true%2C"
     "%0A%20%20%20%20%20%20position%3A%20%27bottom%27%2C%0A%20%20%20%20%7D%2C%0A%20%20%7D%0A%7D",
     "hervenivon/awesome-discoveries docs/various/README.md ('My worklife balance', from the author's CV)"),
    ("kona-benchmark",
     "c={type:'bar',data:{labels:['100 modules','500 modules','1000 modules'],datasets:[{label:'Kona',data:[511,611,"
     "655],backgroundColor:'%2310b981'},{label:'esbuild',data:[732,810,835],backgroundColor:'%23fbbf24'},{label:'Vite',"
     "data:[2543,3351,4092],backgroundColor:'%23ef4444'},{label:'Rollup',data:[669,709,671],backgroundColor:'%236366f1'"
     "}]},options:{plugins:{title:{display:true,text:'Build Time (ms) - Lower is Better'}},scales:{y:{beginAtZero:true}"
     "}}}&w=600&h=300", "ruidosujeira/kona README.md, performance chart (Chart.js 3 option shapes, no v=)"),
    ("py-rest-stress-userinfo",
     "width=800&height=400&c=%7Btype%3A%22bar%22%2Cdata%3A%7Blabels%3A%5B%22squall-raw%22%2C%22muffin-raw%22%2C%22"
     "blacksheep-raw%22%2C%22falcon-raw%22%2C%22baize-raw%22%2C%22emmett-raw%22%2C%22starlette-raw%22%2C%22sanic-raw"
     "%22%2C%22fastapi-raw%22%2C%22aiohttp-raw%22%2C%22quart-raw%22%5D%2Cdatasets%3A%5B%7Blabel%3A%22req/s%22%2Cdata"
     "%3A%5B5425%2C5160%2C5082%2C5064%2C4723%2C4473%2C4321%2C3693%2C2809%2C2166%2C2013%5D%7D%5D%7D%7D",
     "mtag-dev/py-rest-stress-testing README.md, 'User info (GET)' results (2021-12-20)"),
    ("nazha-growth",
     "c={type:'line',data:{labels:['Launch','Q2','Q3','Q4','Now'],datasets:[{label:'Servers',data:[50,400,900,1500,"
     "2000],borderColor:'%23FFD700',fill:false},{label:'Users (in thousands)',data:[10,150,500,900,1400],borderColor:"
     "'%23FFA500',fill:false}]},options:{legend:{labels:{fontColor:'%23ffffff'}},scales:{xAxes:[{ticks:{fontColor:"
     "'%23ffffff'}}],yAxes:[{ticks:{fontColor:'%23ffffff'}}]}},backgroundColor:'%231a1a2e'}",
     "nazha-creators/nazha README.md, growth chart (white text for GitHub's dark theme; the config's own "
     "backgroundColor key is not a QuickChart option)"),
]

# Collected after the mapping was built (public GitHub files found by searching for "quickchart.io/chart?c="),
# measured as they came: URLs that are fixed text in their file (no template placeholders), verbatim.
# Where the repository was not named by the search, the source says what the file is.
_SEARCH = "GitHub code search for quickchart.io/chart?c="
HELD_OUT = [
    ("rubik-resources-hbar",
     "c={type:'horizontalBar',data:{labels:['颜色识别','解算引擎','3D可视化','整体系统'],datasets:[{label:'CPU占用(%)',"
     "backgroundColor:'rgba(54,162,235,0.8)',data:[20,37.5,15,50]},{label:'内存占用(MB)',backgroundColor:"
     "'rgba(255,99,132,0.8)',data:[180,220,150,550]},{label:'GPU占用(%)',backgroundColor:'rgba(255,206,86,0.8)',"
     "data:[7.5,2.5,20,25]}]},options:{title:{display:true,text:'系统资源占用分析'},scales:{xAxes:[{ticks:"
     "{beginAtZero:true}}]}}}", f"{_SEARCH}: a Rubik's-cube solver README (Chinese), 系统资源占用分析图"),
    ("rubik-performance-line",
     "c={type:'line',data:{labels:['低复杂度(1-5步)','中复杂度(6-12步)','高复杂度(13-20步)','随机打乱'],datasets:[{label:"
     "'平均步数',borderColor:'rgba(54,162,235,1)',backgroundColor:'rgba(54,162,235,0.2)',data:[4.2,10.8,18.5,21.3]},"
     "{label:'计算时间(秒)',borderColor:'rgba(255,99,132,1)',backgroundColor:'rgba(255,99,132,0.2)',data:[0.08,0.42,"
     "0.87,1.25]}]},options:{title:{display:true,text:'魔方复杂度与解算性能关系'},scales:{yAxes:[{ticks:{beginAtZero:"
     "true}}]}}}", f"{_SEARCH}: the same README, 魔方复杂度与解算性能关系图"),
    ("career-hbar",
     "c={type:'horizontalBar',data:{labels:['Data Scientist','AI Engineer','Product Manager','Cloud Architect',"
     "'ML Engineer'],datasets:[{label:'Match Score',data:[94,91,88,85,82],backgroundColor:'rgba(99,102,241,0.6)'}]}}",
     f"{_SEARCH}: a career-advisor chat component's canned reply (JavaScript)"),
    ("credibot-hbar",
     "c={type:'horizontalBar',data:{labels:['VERIFICACIÓN DE IDENTIDAD','VERIFICACIÓN DE DOMICILIO','CONFIABILIDAD'],"
     " datasets:[{data:[90,5,45,0],label:'%25',backgroundColor:%27red%27}]}}",
     f"{_SEARCH}: an e-mail report template (HTML, Spanish) of a 'credibot' service"),
    ("marp-pie", "c={type:'pie',data:{labels:['A','B','C'],datasets:[{data:[30,40,30],backgroundColor:['%23E60012',"
                 "'%23666666','%23999999']}]}}", f"{_SEARCH}: a Marp slide-writing guide (Markdown, Japanese), pie chart"),
    ("marp-line", "c={type:'line',data:{labels:['Q1','Q2','Q3','Q4'],datasets:[{label:'売上',data:[100,120,140,160],"
                  "borderColor:'%23E60012',tension:0.3}]}}", f"{_SEARCH}: the same guide, line chart"),
    ("marp-doughnut", "c={type:'doughnut',data:{labels:['満足','普通','不満'],datasets:[{data:[70,20,10],backgroundColor:"
                      "['%23E60012','%23CCCCCC','%23666666']}]}}", f"{_SEARCH}: the same guide, doughnut chart"),
    ("coupon-doughnut", "c={type:'doughnut',data:{labels:['Used','Expired','Verified'],datasets:[{data:[60,20,20]}]}}",
     f"{_SEARCH}: a pricing page component (React)"),
    ("mermaid-readme-bar", 'c={"type":"bar","data":{"labels":["A","B"],"datasets":[{"data":[100,200]}]}}',
     f"{_SEARCH}: a server README, 'Adding Visual Charts to Your README'"),
    ("markdown-test-bar-spaces", "c={type: 'bar',data: {labels:['a', 'B','C'],datasets:[{label:'Example',data:[5,10,15]}]}}",
     f"{_SEARCH}: a Markdown rendering test page (Chinese, 柱状图111), first form"),
    ("markdown-test-bar-encoded",
     "c=%7B%22type%22%3A%20%22bar%22%2C%20%22data%22%3A%20%7B%22labels%22%3A%5B%22a%22%2C%20%22B%22%2C%22C%22%5D%2C%22"
     "datasets%22%3A%20%5B%7B%22label%22%3A%20%22Example%22%2C%22data%22%3A%20%5B5%2C10%2C15%5D%7D%5D%7D%7D",
     f"{_SEARCH}: the same page, percent-encoded JSON"),
    ("markdown-test-bar-json",
     'c={"type": "bar", "data": {"labels": ["a", "B", "C"], "datasets": [{"label": "Example", "data": [5, 10, 15]}]}}',
     f"{_SEARCH}: the same page, raw JSON with spaces"),
    ("kpi-doc-bar", 'c={"type":"bar","data":{"labels":["A","B"],"datasets":[{"label":"Data","data":[1,2]}]}}',
     f"{_SEARCH}: an API usage guide (Markdown, Vietnamese), QuickChart KPI chart"),
    ("uniapp-usage-bar",
     'c={"type":"bar","data":{"labels":["Tue","Wed","Thu","Fri","Sat","Sun","Mon"],"datasets":[{"data":[1329,521,199,'
     '1111,702,536,1029],"backgroundColor":"rgba(54, 162, 235, 0.5)"}]},"options":{"responsive":true,"legend":'
     '{"display":false},"scales":{"xAxes":[{"gridLines":{"display":false}}],"yAxes":[{"gridLines":{"display":true},'
     '"ticks":{"beginAtZero":true,"stepSize":100}}]}}}',
     f"{_SEARCH}: a uni-app device page (Vue), 'Device usage' image (a commented-out URL)"),
    ("docs-tweets-bar",
     'c={"type":"bar","data":{"labels":["Week 1","Week 2","Week 3","Week 4"],"datasets":[{"label":"Retweets","data":'
     '[12,5,40,5]},{"label":"Likes","data":[80,42,215,30]}]}}',
     f"{DOCS} (a guide page: 'send that JSON to the QuickChart endpoint', the URL as printed)"),
    ("python-example-line",
     'c={"type": "line", "data": {"labels": ["a", "B", "C"], "datasets": [{"label": "Example", "data": [5, 10, 15]}]}}',
     f"{_SEARCH}: a Python URL-encoding snippet"),
    ("prompt-bar", "c={type:'bar',data:{labels:['2025','2026'],datasets:[{label:'Target',data:[50,80]}]}}",
     f"{_SEARCH}: an LLM writing prompt (Indonesian), 'Contoh Bar Chart'"),
    ("prompt-pie", "c={type:'pie',data:{labels:['Pendidikan','Kesehatan'],datasets:[{data:[60,40]}]}}",
     f"{_SEARCH}: the same prompt, 'Contoh Pie Chart'"),
    ("prompt-line", "c={type:'line',data:{labels:['Q1','Q2','Q3'],datasets:[{label:'Tren',data:[10,25,40]}]}}",
     f"{_SEARCH}: the same prompt, 'Contoh Line Chart'"),
    ("flutter-read-time",
     "c={type:%27line%27,data:{labels:[%270h%27,%271h%27,%272h%27,%273h%27,%276h%27,%2712h%27,%2724h%27],datasets:"
     "[{label:%27Read%20Percentage%27,data:[5,35,20,15,10,10,5],fill:true,backgroundColor:%27rgba(111,66,193,0.2)%27,"
     "borderColor:%27%236f42c1%27}]}}", f"{_SEARCH}: a Flutter analytics screen (Dart), 'Read Time Distribution'"),
    ("flet-progress", "c={type:'line',data:{labels:['Jan','Feb','Mar'],datasets:[{label:'Progress',data:[1,2,3]}]}}",
     f"{_SEARCH}: a Flet app (Python), progress plot placeholder"),
    ("scout-bar", "c={type:'bar',data:{labels:['Patient_A','Patient_B'],datasets:[{data:[45,62]}]}}",
     f"{_SEARCH}: a security note on LLM output URLs (Markdown) in a radiology search project"),
    ("funding-line",
     "c={type:'line',data:{labels:['2015','2017','2019','2021','2023','2024'],datasets:[{label:'A',data:[5,10,15,25,40,"
     "20]},{label:'B',data:[3,8,12,20,35,18]},{label:'C',data:[2,6,10,18,30,15]}]}}",
     f"{_SEARCH}: an investor dashboard view (Laravel Blade), 'Funding'"),
    ("gains-line", "c={type:'line',data:{labels:['21','24','26','28','29','30'],datasets:[{label:'Gains',data:[1,3,4,6,7,"
                   "9]}]}}", f"{_SEARCH}: a fitness dashboard (React), 'Progress Checker'"),
    ("appointments-line",
     "c={type:'line',data:{labels:['January','February','March','April','May','June','July','August','September',"
     "'October','November','December'],datasets:[{label:'Appointments',data:[5,10,15,20,25,20,15,10,5,10,15,20]}]}}",
     f"{_SEARCH}: a therapist dashboard (React), 'Appointment Trends'"),
    ("visitors-bar", "c={type:'bar',data:{labels:['Direct','Social'],datasets:[{label:'Visitors',data:[21964,21328]}]}}",
     f"{_SEARCH}: an admin dashboard (React), 'Visitors'"),
]


def as_sent(query):
    """The query as a browser sends it: spaces, quotes and non-ASCII percent-encoded; existing escapes kept."""
    keep = "".join(chr(c) for c in range(33, 127) if chr(c) not in '"<>`')
    return quote(query, safe=keep)
