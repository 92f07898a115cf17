/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-catalogue.h"
#include "charta-export.h"
#include "charta-report-preview.h"

/* The report preview: the export library paginates the report once on A4 or Letter (as
 * the PDF), and each page is drawn, scaled to the window's width, by the very function
 * that draws the PDF's and the printer's pages. Text is measured without hinting, as on
 * the PDF surface, so the lines break where they break in the PDF. */

struct _ChartaReportPreview {
  AdwWindow parent_instance;

  GtkWidget *area;
  GtkWidget *page_label;
  GtkWidget *previous_button;
  GtkWidget *next_button;

  ChartaExportDocument *document;
  ChartaExportLayout *layout;
  double width, height;
  guint page;
};

G_DEFINE_FINAL_TYPE (ChartaReportPreview, charta_report_preview, ADW_TYPE_WINDOW)

static void
draw_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  ChartaReportPreview *self = data;
  double scale = MIN (width / self->width, height / self->height);
  double x = (width - self->width * scale) / 2;

  cairo_translate (cr, x, 0);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  charta_export_layout_draw_page (self->layout, cr, self->page);
}

static void
update_page (ChartaReportPreview *self)
{
  guint n = charta_export_layout_get_n_pages (self->layout);
  /* Translators: the preview's page number, "Page 2 of 14" */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);

  gtk_label_set_text (GTK_LABEL (self->page_label), text);
  gtk_widget_set_sensitive (self->previous_button, self->page > 0);
  gtk_widget_set_sensitive (self->next_button, self->page + 1 < n);
  gtk_widget_queue_draw (self->area);
}

static void
on_previous_cb (ChartaReportPreview *self)
{
  if (self->page > 0)
    charta_report_preview_set_page (self, self->page - 1);
}

static void
on_next_cb (ChartaReportPreview *self)
{
  charta_report_preview_set_page (self, self->page + 1);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  on_previous_cb (CHARTA_REPORT_PREVIEW (widget));
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  on_next_cb (CHARTA_REPORT_PREVIEW (widget));
}

static GtkWidget *
nav_button (const char *icon, const char *name, GCallback callback, ChartaReportPreview *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
build (ChartaReportPreview *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->previous_button = nav_button ("go-previous-symbolic", _("Previous Page"), G_CALLBACK (on_previous_cb), self);
  self->next_button = nav_button ("go-next-symbolic", _("Next Page"), G_CALLBACK (on_next_cb), self);
  self->page_label = gtk_label_new (NULL);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->previous_button);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->next_button);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->page_label);
  gtk_box_append (GTK_BOX (box), header);

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The report's page"), -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->area);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
charta_report_preview_dispose (GObject *object)
{
  ChartaReportPreview *self = CHARTA_REPORT_PREVIEW (object);

  /* The layout holds on to the document's content: it goes first. */
  g_clear_pointer (&self->layout, charta_export_layout_free);
  g_clear_pointer (&self->document, charta_export_document_free);
  G_OBJECT_CLASS (charta_report_preview_parent_class)->dispose (object);
}

static void
charta_report_preview_class_init (ChartaReportPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = charta_report_preview_dispose;
  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
charta_report_preview_init (ChartaReportPreview *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Report Preview"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 860);
  build (self);
}

ChartaReportPreview *
charta_report_preview_new (GtkWindow *parent, ChartaDocument *document, gboolean internal)
{
  ChartaExportOptions options = { .internal = internal };
  ChartaReportPreview *self;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_font_options_t *font_options;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), NULL);

  self = g_object_new (CHARTA_TYPE_REPORT_PREVIEW, "transient-for", parent, "modal", TRUE, NULL);
  self->document = charta_export_document_new (charta_document_get_project (document),
                                               charta_catalogue_get_default (), &options);
  charta_export_paper_get_size (charta_export_paper_from_locale (), &self->width, &self->height);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  pango_cairo_context_set_resolution (context, 72);
  self->layout = charta_export_layout_new (self->document, context, self->width, self->height);
  cairo_font_options_destroy (font_options);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  update_page (self);
  return self;
}

guint
charta_report_preview_get_n_pages (ChartaReportPreview *self)
{
  g_return_val_if_fail (CHARTA_IS_REPORT_PREVIEW (self), 0);
  return charta_export_layout_get_n_pages (self->layout);
}

guint
charta_report_preview_get_page (ChartaReportPreview *self)
{
  g_return_val_if_fail (CHARTA_IS_REPORT_PREVIEW (self), 0);
  return self->page;
}

void
charta_report_preview_set_page (ChartaReportPreview *self, guint page)
{
  g_return_if_fail (CHARTA_IS_REPORT_PREVIEW (self));
  if (page >= charta_export_layout_get_n_pages (self->layout) || page == self->page)
    return;
  self->page = page;
  update_page (self);
}
