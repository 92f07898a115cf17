/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The web page: one file for e-mail or a city's website. Every text from the project goes
 * through esc(); the charts are inline SVG with a title and a text equivalent; the page
 * needs no script, no font and nothing from the network. */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "charta-format.h"
#include "charta-export.h"
#include "charta-export-chart.h"

#define CHART_WIDTH 640.0

typedef struct {
  GString *out;
  const ChartaExportDocument *doc;
  guint n_charts;
} Html;

static const char style[] =
  "body{font-family:Cantarell,'DejaVu Sans',sans-serif;line-height:1.45;color:#1e1e1e;"
  "max-width:52rem;margin:0 auto;padding:1rem 1.5rem;background:#fff}"
  "h1{font-size:2rem;margin:.5rem 0}h2{border-bottom:2px solid #1c71d8;padding-bottom:.2rem;margin-top:2.5rem}"
  "h4{font-size:1.1rem;margin-bottom:.2rem}h5{font-size:.95rem;margin:.8rem 0 .2rem}.audience{font-weight:bold}"
  ".internal-banner{border:2px solid #a51d2d;color:#a51d2d;padding:.3rem .6rem;display:inline-block}"
  ".group,.meta{color:#555}.level{font-weight:bold}"
  ".internal{border-left:4px solid #a51d2d;padding-left:.6rem}"
  "table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.3rem 0}"
  "th,td{border:1px solid #bbb;padding:.3rem .4rem;text-align:left;vertical-align:top}"
  "thead th{background:#e8eef8}tr.overdue td{background:#fdecea}"
  ".flag{font-weight:bold;color:#a51d2d}td.num{text-align:right}"
  "svg{max-width:100%;height:auto}svg text{font-family:inherit}"
  "nav ol{padding-left:1.2rem}footer{margin-top:3rem;color:#555;border-top:1px solid #bbb}"
  "@media print{thead{display:table-header-group}"
  "tr{break-inside:avoid}h2,h3,h4{break-after:avoid}}";

/* ---- helpers ---- */

static void
esc (Html *h, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (h->out, escaped);
}

/* Text inside a CSS string: anything but letters, digits and spaces as a hex escape, so
 * neither a quote nor "</style>" can end it. */
static void
css_string (Html *h, const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == ' ')
        g_string_append_unichar (h->out, c);
      else
        g_string_append_printf (h->out, "\\%X ", c);
    }
}

/* An element with escaped text: tag("p", "class=\"x\"", text). */
static void
element (Html *h, const char *tag, const char *attributes, const char *text)
{
  g_string_append_printf (h->out, "<%s%s%s>", tag, attributes ? " " : "", attributes ? attributes : "");
  esc (h, text);
  g_string_append_printf (h->out, "</%s>\n", tag);
}

static void
date_element (Html *h, const char *iso)
{
  g_autofree char *shown = charta_format_date (iso);

  if (iso == NULL)
    return;
  g_string_append (h->out, "<time datetime=\"");
  esc (h, iso);
  g_string_append (h->out, "\">");
  esc (h, shown);
  g_string_append (h->out, "</time>");
}

static void
list (Html *h, const char *heading, GPtrArray *texts)
{
  if (texts == NULL || texts->len == 0)
    return;
  element (h, "h5", NULL, heading);
  g_string_append (h->out, "<ul>\n");
  for (guint i = 0; i < texts->len; i++)
    element (h, "li", NULL, g_ptr_array_index (texts, i));
  g_string_append (h->out, "</ul>\n");
}

/* A number in SVG: a dot before the decimals whatever the user's LC_NUMERIC. */
static void
svg_num (Html *h, const char *before, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (h->out, before);
  g_string_append (h->out, g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

static void
svg_text (Html *h, double x, double y, const char *anchor, const char *text)
{
  svg_num (h, "<text x=\"", x);
  svg_num (h, "\" y=\"", y);
  g_string_append_printf (h->out, "\" font-size=\"12\" text-anchor=\"%s\">", anchor);
  esc (h, text);
  g_string_append (h->out, "</text>\n");
}

/* @paint: the attributes after the coordinates, e.g. stroke="#ddd". */
static void
svg_line (Html *h, double x1, double y1, double x2, double y2, const char *paint)
{
  svg_num (h, "<line x1=\"", x1);
  svg_num (h, "\" y1=\"", y1);
  svg_num (h, "\" x2=\"", x2);
  svg_num (h, "\" y2=\"", y2);
  g_string_append_printf (h->out, "\" %s/>\n", paint);
}

static void
svg_rect (Html *h, double x, double y, double width, double height, const char *fill)
{
  svg_num (h, "<rect x=\"", x);
  svg_num (h, "\" y=\"", y);
  svg_num (h, "\" width=\"", width);
  svg_num (h, "\" height=\"", height);
  g_string_append_printf (h->out, "\" fill=\"%s\"/>\n", fill);
}

static void
svg_dot (Html *h, double x, double y)
{
  svg_num (h, "<circle cx=\"", x);
  svg_num (h, "\" cy=\"", y);
  g_string_append (h->out, "\" r=\"4\" fill=\"#1c71d8\"/>\n");
}

/* Opens an <svg> that a screen reader reads as one image with a name and a description. */
static void
svg_open (Html *h, double height, const char *title, const char *description)
{
  guint n = ++h->n_charts;

  g_string_append_printf (h->out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                          "height=\"%.0f\" role=\"img\" aria-labelledby=\"chart%u-title chart%u-desc\">\n",
                          CHART_WIDTH, height, CHART_WIDTH, height, n, n);
  g_string_append_printf (h->out, "<title id=\"chart%u-title\">", n);
  esc (h, title);
  g_string_append_printf (h->out, "</title>\n<desc id=\"chart%u-desc\">", n);
  esc (h, description);
  g_string_append (h->out, "</desc>\n");
}

/* ---- cover and contents ---- */

static void
write_head (Html *h)
{
  const ChartaExportDocument *doc = h->doc;

  g_string_append (h->out, "<!DOCTYPE html>\n<html lang=\"");
  esc (h, doc->language);
  g_string_append (h->out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                           "<meta name=\"generator\" content=\"Charta " PACKAGE_VERSION "\">\n<title>");
  esc (h, doc->city);
  g_string_append (h->out, " — ");
  esc (h, doc->kind_title);
  if (doc->internal)
    {
      g_string_append (h->out, " (");
      esc (h, charta_export_describe_audience (doc));
      g_string_append (h->out, ")");
    }
  g_string_append_printf (h->out, "</title>\n<style>%s", style);
  if (doc->internal)
    {
      /* Printed, an internal report says so at the top of every page. */
      g_string_append (h->out, "@page{@top-right{content:\"");
      css_string (h, charta_export_describe_audience (doc));
      g_string_append (h->out, "\";font-weight:bold;color:#a51d2d}}");
    }
  g_string_append (h->out, "</style>\n</head>\n<body>\n");
}

static void
write_cover (Html *h)
{
  const ChartaExportDocument *doc = h->doc;
  g_autofree char *period = charta_export_describe_period (doc);
  g_autofree char *round = charta_export_describe_round (doc);
  g_autoptr(GString) frameworks = g_string_new (NULL);

  for (guint i = 0; i < doc->frameworks->len; i++)
    g_string_append_printf (frameworks, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (doc->frameworks, i));
  g_string_append (h->out, "<header>\n");
  if (doc->internal)
    {
      element (h, "p", "class=\"audience internal-banner\" role=\"note\"", charta_export_describe_audience (doc));
      element (h, "p", "class=\"internal\"", _("This report holds internal evidence, people's names and notes. Do not publish it."));
    }
  element (h, "p", "class=\"meta\"", doc->kind_title);
  element (h, "h1", NULL, doc->city);
  element (h, "p", "class=\"meta\"", doc->title);
  g_string_append (h->out, "<dl>\n");
  element (h, "dt", NULL, _("Period"));
  g_string_append (h->out, "<dd>");
  esc (h, period);
  if (doc->period_label)
    {
      g_string_append (h->out, "<br>");
      esc (h, doc->period_label);
    }
  g_string_append (h->out, "</dd>\n");
  element (h, "dt", NULL, _("Frameworks"));
  element (h, "dd", NULL, frameworks->str);
  if (round != NULL)
    {
      element (h, "dt", NULL, _("Reporting round"));
      element (h, "dd", NULL, round);
    }
  element (h, "dt", NULL, _("Date of this report"));
  g_string_append (h->out, "<dd>");
  date_element (h, doc->today);
  g_string_append (h->out, "</dd>\n</dl>\n</header>\n");
}

static void
write_contents (Html *h)
{
  g_string_append (h->out, "<nav aria-labelledby=\"contents\">\n");
  element (h, "h2", "id=\"contents\"", _("Contents"));
  g_string_append (h->out, "<ol>\n");
  for (guint i = 0; i < h->doc->sections->len; i++)
    {
      const ChartaExportSection *s = g_ptr_array_index (h->doc->sections, i);
      g_string_append_printf (h->out, "<li><a href=\"#%s\">", s->anchor);
      esc (h, s->title);
      g_string_append (h->out, "</a></li>\n");
    }
  g_string_append (h->out, "</ol>\n</nav>\n<main>\n");
}

/* ---- summary ---- */

/* A label in at most two lines of about @width characters, broken between words. */
static GPtrArray *
wrap_label (const char *text, glong width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *line = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      if (line->len > 0 && g_utf8_strlen (line->str, -1) + 1 + g_utf8_strlen (words[i], -1) > width && lines->len == 0)
        {
          g_ptr_array_add (lines, g_string_free (line, FALSE));
          line = g_string_new (NULL);
        }
      g_string_append_printf (line, "%s%s", line->len ? " " : "", words[i]);
    }
  g_ptr_array_add (lines, g_string_free (line, FALSE));
  return lines;
}

static void
write_bar_chart (Html *h, const char *title, GPtrArray *bars)
{
  const double row = 38, label_width = 290, bar_width = CHART_WIDTH - label_width - 95;
  g_autofree char *description = charta_export_describe_bars (bars);

  svg_open (h, row * bars->len + 10, title, description);
  for (guint i = 0; i < bars->len; i++)
    {
      const ChartaExportBar *bar = g_ptr_array_index (bars, i);
      g_autofree char *level = bar->mean < 0 ? g_strdup (_("not assessed")) : charta_format_percent (bar->mean);
      g_autoptr(GPtrArray) lines = wrap_label (bar->title, 42);
      double y = 5 + i * row;

      /* The title is whole in the description; the chart may break it, never cut it. */
      for (guint k = 0; k < lines->len; k++)
        svg_text (h, label_width - 8, y + (lines->len == 1 ? 20 : 13 + 14 * k), "end", g_ptr_array_index (lines, k));
      svg_rect (h, label_width, y + 5, bar_width, 20, "#e8eef8");
      if (bar->mean > 0)
        svg_rect (h, label_width, y + 5, bar_width * bar->mean, 20, "#1c71d8");
      svg_text (h, label_width + bar_width + 6, y + 20, "start", level);
    }
  g_string_append (h->out, "</svg>\n");
}

static void
write_bar_table (Html *h, const char *caption, const char *first_header, GPtrArray *bars)
{
  g_string_append (h->out, "<table>\n");
  element (h, "caption", NULL, caption);
  g_string_append (h->out, "<thead><tr>");
  element (h, "th", "scope=\"col\"", first_header);
  element (h, "th", "scope=\"col\"", _("Level reached"));
  element (h, "th", "scope=\"col\"", _("Assessed"));
  element (h, "th", "scope=\"col\"", _("Open actions"));
  element (h, "th", "scope=\"col\"", _("Done"));
  element (h, "th", "scope=\"col\"", _("Overdue"));
  g_string_append (h->out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < bars->len; i++)
    {
      const ChartaExportBar *bar = g_ptr_array_index (bars, i);
      g_autofree char *level = bar->mean < 0 ? g_strdup (_("not assessed")) : charta_format_percent (bar->mean);

      g_string_append (h->out, "<tr>");
      element (h, "th", "scope=\"row\"", bar->title);
      element (h, "td", "class=\"num\"", level);
      g_string_append_printf (h->out, "<td class=\"num\">%u/%u</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
                              "<td class=\"num\">%u</td></tr>\n",
                              bar->n_assessed, bar->n_assessable, bar->n_open, bar->n_done, bar->n_overdue);
    }
  g_string_append (h->out, "</tbody>\n</table>\n");
}

static void
write_summary (Html *h)
{
  element (h, "h3", NULL, _("Progress per Charter role"));
  write_bar_chart (h, _("Level reached per Charter role"), h->doc->roles);
  write_bar_table (h, _("Charter roles"), _("Role"), h->doc->roles);
  if (h->doc->areas->len == 0)
    return;
  element (h, "h3", NULL, _("Progress per DIVE area"));
  write_bar_chart (h, _("Level reached per DIVE area"), h->doc->areas);
  write_bar_table (h, _("DIVE areas"), _("Area"), h->doc->areas);
}

/* ---- assessment ---- */

static void
write_assessment (Html *h, const ChartaExportAssessment *a)
{
  g_autofree char *level = charta_export_describe_level (a);

  g_string_append (h->out, "<article>\n");
  element (h, "h4", NULL, a->title);
  if (a->group)
    element (h, "p", "class=\"group\"", a->group);
  element (h, "p", "class=\"level\"", level);
  if (a->level_description)
    element (h, "p", NULL, a->level_description);
  if (a->evidence && a->evidence_internal)
    {
      g_string_append (h->out, "<p class=\"internal\"><strong>");
      esc (h, _("Internal evidence:"));
      g_string_append (h->out, "</strong> ");
      esc (h, a->evidence);
      g_string_append (h->out, "</p>\n");
    }
  else if (a->evidence)
    element (h, "p", NULL, a->evidence);
  if (a->answer)
    element (h, "p", NULL, a->answer);
  list (h, _("Sources"), a->sources);
  list (h, _("Key problems"), a->key_problems);
  list (h, _("Recommendations adopted"), a->recommendations);
  g_string_append (h->out, "</article>\n");
}

static void
write_assessments (Html *h)
{
  for (guint f = 0; f < h->doc->assessed->len; f++)
    {
      const ChartaExportFramework *fw = g_ptr_array_index (h->doc->assessed, f);

      element (h, "h3", NULL, fw->title);
      if (fw->assessments->len == 0)
        element (h, "p", NULL, _("Nothing assessed yet."));
      for (guint i = 0; i < fw->assessments->len; i++)
        write_assessment (h, g_ptr_array_index (fw->assessments, i));
    }
}

/* ---- action plan ---- */

static void
write_action_row (Html *h, const ChartaExportAction *a)
{
  g_string_append (h->out, a->overdue ? "<tr class=\"overdue\">" : "<tr>");
  g_string_append (h->out, "<td>");
  esc (h, a->title);
  if (a->notes)
    {
      g_string_append (h->out, "<p class=\"internal\">");
      esc (h, a->notes);
      g_string_append (h->out, "</p>");
    }
  g_string_append (h->out, "</td><td>");
  esc (h, charta_status_get_label (a->status));
  if (a->progress != CHARTA_UNSET && a->status != CHARTA_STATUS_DONE)
    g_string_append_printf (h->out, " (%d%%)", a->progress);
  /* Overdue is said in words, not by the row's colour alone. */
  if (a->overdue)
    {
      g_string_append (h->out, "<br><strong class=\"flag\">");
      esc (h, _("Overdue"));
      g_string_append (h->out, "</strong>");
    }
  g_string_append (h->out, "</td><td>");
  esc (h, a->owner);
  g_string_append (h->out, "</td><td>");
  date_element (h, a->start);
  g_string_append (h->out, "</td><td>");
  date_element (h, a->due);
  g_string_append (h->out, "</td></tr>\n");
}

static void
write_actions (Html *h)
{
  if (h->doc->actions->len == 0)
    {
      element (h, "p", NULL, _("No actions planned yet."));
      return;
    }
  g_string_append (h->out, "<table>\n");
  element (h, "caption", NULL, _("Actions, their status, owner and dates"));
  g_string_append (h->out, "<thead><tr>");
  element (h, "th", "scope=\"col\"", _("Action"));
  element (h, "th", "scope=\"col\"", _("Status"));
  element (h, "th", "scope=\"col\"", _("Owner"));
  element (h, "th", "scope=\"col\"", _("Start"));
  element (h, "th", "scope=\"col\"", _("Due"));
  g_string_append (h->out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < h->doc->actions->len; i++)
    write_action_row (h, g_ptr_array_index (h->doc->actions, i));
  g_string_append (h->out, "</tbody>\n</table>\n");
}

/* ---- measures ---- */

/* Where a measure's dates and values fall in its SVG chart. */
typedef struct {
  double left, top, width, height;
  ChartaExportChartRange range;
} Plot;

static double
plot_x (const Plot *p, const char *date)
{
  double day = charta_export_date_to_days (date);

  return p->left + p->width * (day - p->range.first_day) / (p->range.last_day - p->range.first_day);
}

static double
plot_y (const Plot *p, double value)
{
  return p->top + p->height * (1 - charta_export_scale_position (&p->range.values, value));
}

static void
write_axes (Html *h, const Plot *p)
{
  const ChartaExportScale *s = &p->range.values;
  g_autoptr(GArray) ticks = charta_export_date_ticks (&p->range, 4);
  double bottom = p->top + p->height;

  for (double v = s->min; v <= s->max + s->step / 2; v += s->step)
    {
      g_autofree char *label = charta_export_format_value (v);
      svg_line (h, p->left, plot_y (p, v), p->left + p->width, plot_y (p, v), "stroke=\"#ddd\"");
      svg_text (h, p->left - 6, plot_y (p, v) + 4, "end", label);
    }
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *iso = charta_export_days_to_date (g_array_index (ticks, double, i));
      g_autofree char *label = charta_format_date (iso);
      svg_text (h, plot_x (p, iso), bottom + 18, i == 0 ? "start" : i + 1 == ticks->len ? "end" : "middle", label);
    }
  svg_line (h, p->left, p->top, p->left, bottom, "stroke=\"#555\"");
  svg_line (h, p->left, bottom, p->left + p->width, bottom, "stroke=\"#555\"");
}

/* The target: a dashed line with its label, not only a colour. */
static void
write_target (Html *h, const Plot *p, const ChartaExportValue *target)
{
  g_autofree char *value = charta_export_format_value (target->value);
  /* Translators: the label of a chart's target line, e.g. "Target 3" */
  g_autofree char *label = g_strdup_printf (_("Target %s"), value);

  svg_line (h, p->left, plot_y (p, target->value), p->left + p->width, plot_y (p, target->value),
            "stroke=\"#26a269\" stroke-width=\"2\" stroke-dasharray=\"6 4\"");
  svg_text (h, p->left + p->width, plot_y (p, target->value) - 5, "end", label);
}

static void
write_series (Html *h, const Plot *p, GPtrArray *actuals)
{
  g_string_append (h->out, "<polyline fill=\"none\" stroke=\"#1c71d8\" stroke-width=\"2\" points=\"");
  for (guint i = 0; i < actuals->len; i++)
    {
      const ChartaExportValue *v = g_ptr_array_index (actuals, i);
      svg_num (h, i ? " " : "", plot_x (p, v->date));
      svg_num (h, ",", plot_y (p, v->value));
    }
  g_string_append (h->out, "\"/>\n");
  for (guint i = 0; i < actuals->len; i++)
    {
      const ChartaExportValue *v = g_ptr_array_index (actuals, i);
      g_autofree char *value = charta_export_format_value (v->value);

      svg_dot (h, plot_x (p, v->date), plot_y (p, v->value));
      /* Written beside the dots while they fit; the table below has them all. */
      if (actuals->len <= 12 || i == 0 || i + 1 == actuals->len)
        svg_text (h, plot_x (p, v->date), plot_y (p, v->value) - 8, "middle", value);
    }
}

static void
write_measure_chart (Html *h, const ChartaExportMeasure *m)
{
  const double height = 220;
  Plot p = { 60, 15, CHART_WIDTH - 60 - 20, height - 15 - 40 };
  g_autofree char *description = charta_export_describe_measure (m);

  if (!charta_export_measure_range (m, &p.range))
    return;
  svg_open (h, height, m->title, description);
  write_axes (h, &p);
  if (m->target)
    write_target (h, &p, m->target);
  if (m->actuals->len > 0)
    write_series (h, &p, m->actuals);
  if (m->baseline)
    svg_rect (h, plot_x (&p, m->baseline->date) - 4, plot_y (&p, m->baseline->value) - 4, 8, 8, "#555");
  g_string_append (h->out, "</svg>\n");
}

static void
write_value_row (Html *h, const char *what, const ChartaExportValue *v)
{
  g_autofree char *value = charta_export_format_value (v->value);

  g_string_append (h->out, "<tr>");
  element (h, "th", "scope=\"row\"", what);
  g_string_append (h->out, "<td>");
  date_element (h, v->date);
  g_string_append (h->out, "</td>");
  element (h, "td", "class=\"num\"", value);
  element (h, "td", NULL, v->note);
  g_string_append (h->out, "</tr>\n");
}

static void
write_measure (Html *h, const ChartaExportMeasure *m)
{
  g_autofree char *caption = m->unit ? g_strdup_printf ("%s (%s)", m->title, m->unit) : g_strdup (m->title);

  element (h, "h3", NULL, m->title);
  if (m->description)
    element (h, "p", NULL, m->description);
  element (h, "p", "class=\"meta\"", charta_export_direction_label (m->direction));
  write_measure_chart (h, m);
  g_string_append (h->out, "<table>\n");
  element (h, "caption", NULL, caption);
  g_string_append (h->out, "<thead><tr>");
  element (h, "th", "scope=\"col\"", _("Kind"));
  element (h, "th", "scope=\"col\"", _("Date"));
  element (h, "th", "scope=\"col\"", m->unit ? m->unit : _("Figure"));
  element (h, "th", "scope=\"col\"", _("Note"));
  g_string_append (h->out, "</tr></thead>\n<tbody>\n");
  if (m->baseline)
    write_value_row (h, C_("measure", "Baseline"), m->baseline);
  for (guint i = 0; i < m->actuals->len; i++)
    write_value_row (h, C_("measure", "Measured"), g_ptr_array_index (m->actuals, i));
  if (m->target)
    write_value_row (h, C_("measure", "Target"), m->target);
  g_string_append (h->out, "</tbody>\n</table>\n");
}

static void
write_measures (Html *h)
{
  if (h->doc->measures->len == 0)
    element (h, "p", NULL, _("No measures recorded yet."));
  for (guint i = 0; i < h->doc->measures->len; i++)
    write_measure (h, g_ptr_array_index (h->doc->measures, i));
}

/* ---- consultations ---- */

static void
write_consultation_row (Html *h, const ChartaExportConsultation *c)
{
  g_string_append (h->out, "<tr><td>");
  date_element (h, c->date);
  g_string_append (h->out, "</td>");
  element (h, "td", NULL, charta_export_meeting_kind_label (c->kind));
  element (h, "td", NULL, c->title);
  g_string_append (h->out, "<td>");
  if (c->participants)
    for (guint i = 0; i < c->participants->len; i++)
      {
        esc (h, g_ptr_array_index (c->participants, i));
        g_string_append (h->out, i + 1 < c->participants->len ? "<br>" : "");
      }
  else
    g_string_append_printf (h->out, "%u", c->n_participants);
  g_string_append (h->out, "</td>");
  if (h->doc->internal)
    {
      g_string_append (h->out, "<td>");
      esc (h, c->conclusions);
      if (c->notes)
        {
          g_string_append (h->out, "<p class=\"internal\">");
          esc (h, c->notes);
          g_string_append (h->out, "</p>");
        }
      g_string_append (h->out, "</td>");
    }
  g_string_append (h->out, "</tr>\n");
}

static void
write_consultations (Html *h)
{
  if (h->doc->consultations->len == 0)
    {
      element (h, "p", NULL, _("No consultations recorded yet."));
      return;
    }
  g_string_append (h->out, "<table>\n");
  element (h, "caption", NULL, _("Consultations and meetings"));
  g_string_append (h->out, "<thead><tr>");
  element (h, "th", "scope=\"col\"", _("Date"));
  element (h, "th", "scope=\"col\"", _("Kind"));
  element (h, "th", "scope=\"col\"", _("Subject"));
  element (h, "th", "scope=\"col\"", h->doc->internal ? _("Participants") : _("Number of participants"));
  if (h->doc->internal)
    element (h, "th", "scope=\"col\"", _("Conclusions"));
  g_string_append (h->out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < h->doc->consultations->len; i++)
    write_consultation_row (h, g_ptr_array_index (h->doc->consultations, i));
  g_string_append (h->out, "</tbody>\n</table>\n");
}

/* ---- what changed ---- */

static void
write_change_group (Html *h, const ChartaExportChangeGroup *g)
{
  element (h, "h3", NULL, g->title);
  g_string_append (h->out, "<table>\n");
  element (h, "caption", NULL, g->title);
  g_string_append (h->out, "<thead><tr>");
  element (h, "th", "scope=\"col\"", C_("changes", "Change"));
  element (h, "th", "scope=\"col\"", C_("changes", "What"));
  element (h, "th", "scope=\"col\"", C_("changes", "How"));
  g_string_append (h->out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < g->changes->len; i++)
    {
      const ChartaExportChange *c = g_ptr_array_index (g->changes, i);

      g_string_append_printf (h->out, "<tr class=\"change %s\">", charta_change_kind_to_string (c->kind));
      element (h, "td", NULL, c->kind_label);
      element (h, "td", NULL, c->title);
      element (h, "td", NULL, c->description);
      g_string_append (h->out, "</tr>\n");
    }
  g_string_append (h->out, "</tbody>\n</table>\n");
}

static void
write_changes (Html *h)
{
  const ChartaExportDocument *doc = h->doc;
  g_autofree char *round = charta_export_describe_round (doc);
  g_autofree char *today = charta_format_date (doc->today);
  g_autofree char *intro = g_strdup_printf (_("%s, as of %s."), round, today);

  element (h, "p", NULL, intro);
  if (doc->changes->len == 0)
    {
      element (h, "p", NULL, _("Nothing changed since that round."));
      return;
    }
  g_string_append (h->out, "<ul class=\"change-counts\">\n");
  for (guint k = 0; k < CHARTA_N_CHANGE_KINDS; k++)
    {
      guint n = 0;

      for (guint i = 0; i < doc->changes->len; i++)
        n += ((ChartaExportChange *) g_ptr_array_index (doc->changes, i))->kind == k;
      if (n > 0)
        {
          g_autofree char *count = g_strdup_printf (_("%s: %u"), charta_change_kind_get_label (k), n);
          element (h, "li", NULL, count);
        }
    }
  g_string_append (h->out, "</ul>\n");
  for (guint i = 0; i < doc->change_groups->len; i++)
    write_change_group (h, g_ptr_array_index (doc->change_groups, i));
}

/* ---- a peer review's feedback report ---- */

static void
write_review (Html *h)
{
  const ChartaExportReview *r = h->doc->review;

  element (h, "p", "class=\"level\"", r->title);
  element (h, "p", "class=\"meta\"", r->kind);
  if (r->stage != NULL)
    {
      g_autofree char *stage = g_strdup_printf (_("Stage: %s (%u of %u)"), r->stage, r->stage_number, r->n_stages);
      element (h, "p", NULL, stage);
    }
  else
    element (h, "p", NULL, _("Stage: not set"));
  element (h, "h3", NULL, _("The review team"));
  if (r->team->len == 0)
    element (h, "p", NULL, _("No team members recorded yet."));
  else
    {
      g_string_append (h->out, "<table>\n");
      element (h, "caption", NULL, _("The review team"));
      g_string_append (h->out, "<thead><tr>");
      if (h->doc->internal)
        element (h, "th", "scope=\"col\"", _("Name"));
      element (h, "th", "scope=\"col\"", _("Role"));
      element (h, "th", "scope=\"col\"", _("City"));
      g_string_append (h->out, "</tr></thead>\n<tbody>\n");
      for (guint i = 0; i < r->team->len; i++)
        {
          const ChartaExportReviewer *m = g_ptr_array_index (r->team, i);

          g_string_append (h->out, "<tr>");
          if (h->doc->internal)
            element (h, "td", NULL, m->name);
          element (h, "td", NULL, m->role);
          element (h, "td", NULL, m->city);
          g_string_append (h->out, "</tr>\n");
        }
      g_string_append (h->out, "</tbody>\n</table>\n");
    }
  element (h, "h3", NULL, _("Under review"));
  g_string_append (h->out, "<ul>\n");
  for (guint i = 0; i < r->items->len; i++)
    element (h, "li", NULL, g_ptr_array_index (r->items, i));
  g_string_append (h->out, "</ul>\n");
  {
    g_autofree char *coverage = g_strdup_printf (_("The visit's %u sessions cover %u of the %u items under review."),
                                                 r->n_sessions, r->items->len - r->gaps->len, r->items->len);
    element (h, "p", NULL, coverage);
  }
  list (h, _("Not covered by any session"), r->gaps);
}

/* A text of the team's, its paragraphs kept. */
static void
write_feedback_text (Html *h, const char *heading, const char *text)
{
  g_auto(GStrv) paragraphs = NULL;

  if (text == NULL)
    return;
  element (h, "h4", NULL, heading);
  paragraphs = g_strsplit (text, "\n\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    {
      g_auto(GStrv) lines = g_strsplit (paragraphs[i], "\n", -1);

      g_string_append (h->out, "<p>");
      for (guint k = 0; lines[k]; k++)
        {
          if (k > 0)
            g_string_append (h->out, "<br>");
          esc (h, lines[k]);
        }
      g_string_append (h->out, "</p>\n");
    }
}

static void
write_feedback (Html *h)
{
  const ChartaExportReview *r = h->doc->review;

  if (r->feedback->len == 0)
    element (h, "p", NULL, _("No area under review yet."));
  for (guint i = 0; i < r->feedback->len; i++)
    {
      const ChartaExportFeedback *f = g_ptr_array_index (r->feedback, i);
      g_autofree char *city = f->city_level == CHARTA_UNSET ? g_strdup (_("not assessed"))
                              : g_strdup_printf (_("%d of %u"), f->city_level, f->n_levels);
      g_autofree char *team = f->team_level == CHARTA_UNSET ? g_strdup (_("not assessed"))
                              : g_strdup_printf (_("%d of %u"), f->team_level, f->n_levels);
      g_autofree char *levels = g_strdup_printf (_("Level: the city's own %s; the review team's %s"), city, team);

      g_string_append (h->out, "<article>\n");
      element (h, "h3", NULL, f->title);
      element (h, "p", "class=\"meta\"", levels);
      write_feedback_text (h, _("Situation"), f->situation);
      write_feedback_text (h, _("Findings"), f->findings);
      write_feedback_text (h, _("Key problems"), f->key_problems);
      write_feedback_text (h, _("Recommendations"), f->recommendations);
      write_feedback_text (h, _("Good practices"), f->good_practices);
      g_string_append (h->out, "</article>\n");
    }
}

static void
write_section (Html *h, const ChartaExportSection *s)
{
  g_string_append_printf (h->out, "<section id=\"%s\" aria-labelledby=\"%s-heading\">\n", s->anchor, s->anchor);
  g_string_append_printf (h->out, "<h2 id=\"%s-heading\">", s->anchor);
  esc (h, s->title);
  g_string_append (h->out, "</h2>\n");
  switch (s->kind)
    {
    case CHARTA_EXPORT_SECTION_SUMMARY: write_summary (h); break;
    case CHARTA_EXPORT_SECTION_ASSESSMENT: write_assessments (h); break;
    case CHARTA_EXPORT_SECTION_ACTIONS: write_actions (h); break;
    case CHARTA_EXPORT_SECTION_MEASURES: write_measures (h); break;
    case CHARTA_EXPORT_SECTION_CONSULTATIONS: write_consultations (h); break;
    case CHARTA_EXPORT_SECTION_CHANGES: write_changes (h); break;
    case CHARTA_EXPORT_SECTION_REVIEW: write_review (h); break;
    case CHARTA_EXPORT_SECTION_FEEDBACK: write_feedback (h); break;
    default: g_assert_not_reached ();
    }
  g_string_append (h->out, "</section>\n");
}

static void
write_footer (Html *h)
{
  g_autofree char *date = charta_format_date (h->doc->today);
  /* Translators: the foot of a report; %s is a date */
  g_autofree char *made = g_strdup_printf (_("Made with Charta on %s."), date);

  g_string_append (h->out, "</main>\n<footer>\n");
  if (h->doc->internal)
    element (h, "p", "class=\"audience\"", charta_export_describe_audience (h->doc));
  element (h, "p", NULL, made);
  g_string_append (h->out, "</footer>\n</body>\n</html>\n");
}

GBytes *
charta_export_html (const ChartaExportDocument *doc)
{
  Html h = { g_string_new (NULL), doc, 0 };

  g_return_val_if_fail (doc != NULL, NULL);

  write_head (&h);
  write_cover (&h);
  write_contents (&h);
  for (guint i = 0; i < doc->sections->len; i++)
    write_section (&h, g_ptr_array_index (doc->sections, i));
  write_footer (&h);
  return g_string_free_to_bytes (h.out);
}
