"""The pieces every time-axis panel is made of: scales, colours, axes, drawing items, heatmaps,
curve plots, legends and the panel frame."""
