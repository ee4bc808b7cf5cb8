/* Draws mlci's metric trend charts: each element carries its ECharts option (made by mlci-core) as JSON. */
(function () {
    'use strict';
    var charts = [];
    document.querySelectorAll('.mlci-trend').forEach(function (element) {
        var chart = echarts.init(element);
        chart.setOption(JSON.parse(element.getAttribute('data-option')));
        charts.push(chart);
    });
    window.addEventListener('resize', function () {
        charts.forEach(function (chart) {
            chart.resize();
        });
    });
}());
