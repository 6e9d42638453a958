"""Real Google Image Charts URLs, each with where it was published.

Collected from Google's Chart API developer's guide (2008-2012, whose example
URLs are preserved verbatim in the test samples of the Perl module
Google::Chart, lestrrat/google-chart t/lib/Test/Google/Chart/Samples.pm, and
in mirrors of developers.google.com/chart/image/docs) and from pages that
published Google chart URLs. Each entry: (name, query, source, colours that
must appear, whether it has a title). URLs are kept as published, traps and
all (raw ``%``, ``|``, ``+``, an empty ``chco=``); ``chs`` is added only where
the page showed a fragment without it, and the note says so.
"""

GUIDE = "Google Chart API developer's guide, code.google.com/apis/chart (2008); via lestrrat/google-chart Samples.pm"
IMAGE_DOCS = "developers.google.com/chart/image/docs"
GOOGLE_ORANGE = "ff9900"
GOOGLE_BAR = "ffcc33"

CORPUS = [
    ("hello-world-p3", "chs=250x100&chd=t:60,40&cht=p3&chl=Hello|World",
     f"{IMAGE_DOCS}/making_charts (first example); code.google.com/apis/chart/basics.html", [GOOGLE_ORANGE], False),
    ("line-simple-encoding", "cht=lc&chs=200x125&chd=s:fooZaroo", f"{GUIDE}, line charts", [GOOGLE_ORANGE], False),
    ("line-granularity-20", "cht=lc&chs=200x100&chd=s:fohmnytenefohmnytene&chxt=x,y&chxl=0:|Apr|May|June|1:||50",
     f"{GUIDE}, guidelines for granularity", [GOOGLE_ORANGE], False),
    ("line-granularity-40",
     "cht=lc&chs=200x100&chd=s:frothsmzndyoteepngenfrothsmzndyoteepngen&chxt=x,y&chxl=0:|Apr|May|June|1:||50",
     f"{GUIDE}, guidelines for granularity", [GOOGLE_ORANGE], False),
    ("lxy-three-lines",
     "cht=lxy&chs=200x125&chd=t:0,30,60,70,90,95,100|20,30,40,50,60,70,80|10,30,40,45,52|100,90,40,20,10|-1|"
     "5,33,50,55,7&chco=3072F3,ff0000,00aaaa&chls=2,4,1&chm=s,FF0000,0,-1,5|s,0000ff,1,-1,5|s,00aa00,2,-1,5",
     f"{GUIDE}, line charts (lxy)", ["3072f3", "ff0000", "00aaaa"], False),
    ("sparkline",
     "chs=100x20&cht=ls&chco=0077CC&chm=B,E6F2FA,0,0,0&chls=1,0,0&chd=t:27,25,25,25,25,27,100,31,25,36,25,25,39,"
     "25,31,25,25,25,26,26,25,25,28,25,25,100,28,27,31,25,27,27,29,25,27,26,26,25,26,26,35,33,34,25,26,25,36,25,26,"
     "37,33,33,37,37,39,25,25,25,25", f"{GUIDE}, sparklines", ["0077cc"], False),
    ("bhs-simple", "cht=bhs&chs=200x125&chd=s:ello&chco=4d89f9", f"{GUIDE}, bar charts", ["4d89f9"], False),
    ("bvs-two-series", "cht=bvs&chs=200x125&chd=t:10,50,60,80,40|50,60,100,40,20&chco=4d89f9,c6d9fd&chbh=20",
     f"{GUIDE}, bar charts (stacked, cropped above 100)", ["4d89f9", "c6d9fd"], False),
    ("bvs-scaled", "cht=bvs&chs=200x125&chd=t:10,50,60,80,40|50,60,100,40,20&chco=4d89f9,c6d9fd&chbh=20&chds=0,160",
     f"{GUIDE}, text encoding with data scaling", ["4d89f9", "c6d9fd"], False),
    ("bhg-simple", "cht=bhg&chs=200x125&chd=s:el,or&chco=4d89f9,c6d9fd", f"{GUIDE}, bar charts",
     ["4d89f9", "c6d9fd"], False),
    ("bvg-hello-world", "cht=bvg&chs=200x125&chd=s:hello,world&chco=4d89f9,c6d9fd", f"{GUIDE}, bar charts",
     ["4d89f9", "c6d9fd"], False),
    ("bhs-bar-width", "cht=bhs&chs=200x125&chd=s:hello&chbh=10&chco=4d89f9", f"{GUIDE}, bar width and spacing",
     ["4d89f9"], False),
    ("pie-months", "cht=p&chd=s:Uf9a&chs=200x100&chl=January|February|March|April", f"{GUIDE}, pie charts",
     [GOOGLE_ORANGE], False),
    ("pie3d-months", "cht=p3&chd=s:Uf9a&chs=250x100&chl=January|February|March|April", f"{GUIDE}, pie charts",
     [GOOGLE_ORANGE], False),
    ("scatter-sizes",
     "cht=s&chd=s:984sttvuvkQIBLKNCAIi,DEJPgq0uov17zwopQODS,AFLPTXaflptx159gsDrn&chxt=x,y&chxl=0:|0|2|3|4|5|6|7|8|"
     "9|10|1:|0|25|50|75|100&chs=200x125", f"{GUIDE}, scatter plots", [GOOGLE_ORANGE], False),
    ("bvg-three-groups", "cht=bvg&chs=200x125&chd=t:5,5,5|10,10,10|15,15,15&chco=4D89F9,C6D9FD,00B88A",
     f"{IMAGE_DOCS}/gallery/bar_charts.html, overview (chs and chco added: the page showed cht and chd)",
     ["4d89f9", "c6d9fd", "00b88a"], False),
    ("bvo-overlapped", "cht=bvo&chs=200x125&chd=t:5,5,5|10,10,10|15,15,15&chco=4D89F9,C6D9FD,00B88A",
     f"{IMAGE_DOCS}/gallery/bar_charts.html, overview (chs and chco added)", ["00b88a"], False),
    ("bhs-cropped", "cht=bhs&chs=200x125&chco=4D89F9,C6D9FD&chd=t:10,50,60,80,40|50,60,100,40,20",
     f"{IMAGE_DOCS}/gallery/bar_charts.html, stacked cropping (chs added)", ["4d89f9", "c6d9fd"], False),
    ("bhs-160", "cht=bhs&chs=200x125&chco=4D89F9,C6D9FD&chd=t:10,50,60,80,40|50,60,100,40,20&chds=0,160",
     f"{IMAGE_DOCS}/gallery/bar_charts.html, custom scaling up to 160 (chs added)", ["4d89f9", "c6d9fd"], False),
    ("data-formats-text", "cht=lc&chs=200x125&chd=t:_,30,-30,50,80,200",
     f"{IMAGE_DOCS}/data_formats, basic text format example (cht and chs added)", [GOOGLE_ORANGE], False),
    ("data-formats-auto", "cht=bvg&chs=200x125&chd=t:-5,30,-30,50,80,200&chds=a",
     f"{IMAGE_DOCS}/data_formats, text format with automatic scaling (cht and chs added)", [GOOGLE_BAR], False),
    ("qr-hello-world", "chs=150x150&cht=qr&chl=Hello+world&choe=UTF-8", f"{IMAGE_DOCS}/gallery/qr_codes", ["000000"],
     False),
    ("quickchart-migration",
     "cht=bvg&chs=300x200&chd=t:5,5,5|10,10,10|15,15,15&chco=4d89f9,c6d9fd,00B88A&chds=0,20&chbh=a&"
     "chxs=0,000000,0,0,_&chxt=y&chm=N,000000,0,,10|N,000000,1,,10|N,000000,2,,10",
     "typpo/quickchart-docs, migrating-from-google-image-charts.md", ["4d89f9", "c6d9fd", "00b88a"], False),
    ("mpg-lxy",
     "cht=lxy&chd=t:0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20|31.90220632,32.27810399,32.89584385,"
     "30.00454339,33.24108742,35.04625736,32.89651674,30.53718342,29.61199295,32.38802014,27.78971494,31.12881806,"
     "28.32894352,29.53109815,30.41316337,27.21094856,30.23452953,28.71155243,28.05542935,29.91102582,30.6042885"
     "&chs=500x400&chco=ffff66&chf=c,lg,45,999999,0,333333,0.75|bg,s,EFEFEF&chds=0,21,26.21,36.05&chxt=x,y&"
     "chxl=0:|6/13/2008|7/18/2008|8/6/2008|9/10/2008|10/8/2008|11/5/2008|1:|26.21|36.05&chxs=0,666666,11,0&"
     "chxp=1,5&chtt=Mikes%20MPG&chm=o,ffff66,0,-1,0&chls=3,6,3",
     "kindohm.com blog, 2008-11-05 'Google Charts API' (HTML &amp; unescaped)", ["efefef", "ffff66"], True),
    ("gist-bhs-two-axes",
     "cht=bhs&chs=250x100&chd=t:33,50,17&chxt=y,r&chxl=0:|friends|search%20engine|social%20media|1:|33%|50%|17%&"
     "chxs=1,0000dd,13,-1,t", "gist.github.com/tommi-lew/2882899", [GOOGLE_BAR], False),
    ("zotonic-line",
     "&cht=lc&chts=909090,10&chs=300x150&chg=0,0,1,5&chf=bg,s,ffffff|c,s,ffffff&chdlp=b&chbh=-3,3,7&chxt=x,y&"
     "chxl=0:|jan|feb|mar|1:|0|25|50|75|100&chxs=0,909090,10|1,909090,10&chco=&chds=0,100&chd=t:20,80,33&"
     "chls=1,1,0", "hexdocs.pm zotonic_mod_base scomp_base_google_chart (leading &, empty chco)", [GOOGLE_ORANGE],
     False),
    ("psychopyko-pie",
     "cht=p3&chs=450x200&chd=t:73,13,10,3,1&chco=80C65A,224499,FF0000&chl=Chocolate|Puff+Pastry|Cookies|Muffins|"
     "Gelato", "psychopyko.com 2008-08-27 'How to use Google Charts'", ["80c65a", "224499", "ff0000"], False),
    ("molecular-quarters", "cht=p3&chd=s:ZZZZ&chs=250x100&chl=25%|25%|25%|25%",
     "molecularsciences.org/google/google_charts (raw % in labels)", [GOOGLE_ORANGE], False),
    ("heriman-hello-world", "chs=200x125&chd=s:helloWorld&cht=lc&chxt=x,y&chxl=0:|Mar|Apr|May|June|July|1:||50+Kb",
     "heriman.wordpress.com 2008-01-03, quoting the developer's guide intro", [GOOGLE_ORANGE], False),
    ("guide-shape-markers",
     "cht=lc&chd=s:9gounjqGJD&chco=008000&chls=2.0,4.0,1.0&chs=200x125&chxt=x&chxl=0:||c|d|a|o|x|v|V|a|&chm="
     "a,990066,0,3.0,9.0|c,FF0000,0,1.0,20.0|d,80C65A,0,2.0,20.0|o,FF9900,0,4.0,20.0|s,3399CC,0,5.0,10.0|"
     "v,BBCCED,0,6.0,1.0|V,3399CC,0,7.0,1.0|x,FFCC33,0,8.0,20.0|h,000000,0,0.30,0.5",
     f"{GUIDE}, shape markers (point positions written as 3.0); also quoted in a Java URL parser's testURL",
     ["008000", "ff0000", "80c65a", "ff9900", "3399cc", "ffcc33", "990066"], False),
    ("guide-grid-lines",
     "cht=lc&chd=s:cEAELFJHHHKUju9uuXUc&chco=76A4FB&chls=2.0,0.0,0.0&chxt=x,y&chxl=0:|0|1|2|3|4|5|1:|0|50|100"
     "&chs=200x125&chg=20,50", f"{GUIDE}, grid lines; also quoted in a Java URL parser's testURL", ["76a4fb"],
     False),
    ("guide-two-dashed-lines",
     "cht=lc&chd=s:93zyvneTTOMJMLIJFHEAECFJGHDBFCFIERcgnpy45879,IJKNUWUWYdnswz047977315533zy1246872tnkgcaZQONHCECAAAAEII"
     "&chls=3,6,3|1,1,0&chs=200x125", f"{GUIDE}, line styles; also quoted in a Java URL parser's testURL",
     [GOOGLE_ORANGE], False),
    ("srtu-bvg-tick-colour",
     "chxr=0,2010,2013|1,100,1300&chxs=0,676767,8.5,0,l,676767&chxt=x,y&chbh=a,3,80&chs=1000x300&cht=bvg"
     "&chco=3366CC,FF0000&chds=0,1170,0,1120&chd=t:1000,1170,660,1030|400,460,1120,540&chdl=Sales|Expenses"
     "&chg=0,-1&chtt=Transaport%27s+Performance",
     "pawank/IndianSRTUApp src/com/acelrtech/app/GoogleImageGraphActivity.java (axis tick colour in chxs)",
     ["3366cc", "ff0000"], True),
    ("radar-snail", "cht=r&chs=200x200&chd=t:10,20,30,40,50,60,70,80,90", f"{GUIDE}, radar charts",
     [GOOGLE_ORANGE], False),
    ("radar-two-series",
     "cht=r&chs=200x200&chd=t:77,66,15,0,31,48,100,77|20,36,100,2,0,100&chco=FF0000,FF9900"
     "&chls=2.0,4.0,0.0|2.0,4.0,0.0&chxt=x&chxl=0:|0|45|90|135|180|225|270|315&chxr=0,0.0,360.0",
     f"{GUIDE}, radar charts (axis labels)", ["ff0000", "ff9900"], False),
    ("radar-filled",
     "cht=r&chs=200x200&chd=t:77,66,15,0,31,48,100,77|20,36,100,2,0,100&chco=FF0000,FF9900"
     "&chls=2.0,4.0,0.0|2.0,4.0,0.0&chxt=x&chxl=0:|0|45|90|135|180|225|270|315&chxr=0,0.0,360.0"
     "&chg=25.0,25.0,4.0,4.0&chm=B,FF000080,0,1.0,5.0|B,FF990080,1,1.0,5.0",
     f"{GUIDE}, radar charts (line fills)", ["ff0000", "ff9900"], False),
    ("radar-spline-learning-styles", "cht=rs&chs=200x200&chd=t:40,80,60,20,100,52,28,40&chxt=x"
     "&chxl=0:|Visual|Verbal|Aural|Physical|Logical|Social|Solitary",
     "learning-style radar in a Django view (http://chart.apis.google.com/chart?cht=r&chs=200x200&chd=t:...; "
     "values filled in, cht=rs for the spline variant)", [GOOGLE_ORANGE], False),
    ("qr-margin-0", "chs=150x150&cht=qr&chld=L|0&chl=1.cbm.ua/112312312399", "1.cbm.ua/?p=1569", ["000000"], False),
    ("qr-tiny", "chs=28x28&cht=qr&chld=L|1&chl=1.cbm.ua/112312312399", "1.cbm.ua/?p=1569", ["000000"], False),
    ("qr-transparent", "chf=bg,s,65432100&cht=qr&chs=250x250&chl=HelloWorld",
     "iamcharu18/QR-Code-Generator-using-JS README", ["000000"], False),
    ("qr-hi-mom", "chs=150x150&cht=qr&chl=I+Love+QR+Codes!++HI+MOM!&choe=UTF-8",
     "gregorystrike.com 2011-01-26 'How to use Google Charts API to generate your own QR code'", ["000000"], False),
]

# The text each QR entry must decode to.
QR_TEXTS = {
    "qr-hello-world": "Hello world",
    "qr-margin-0": "1.cbm.ua/112312312399",
    "qr-tiny": "1.cbm.ua/112312312399",
    "qr-transparent": "HelloWorld",
    "qr-hi-mom": "I Love QR Codes!  HI MOM!",
}
