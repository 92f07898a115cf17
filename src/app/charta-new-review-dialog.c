/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-new-review-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-date-row.h"
#include "charta-new-review-dialog.h"
#include "charta-review.h"
#include "charta-ui-utils.h"

struct _ChartaNewReviewDialog {
  AdwMessageDialog parent_instance;

  GtkWidget *kind_row;
  GtkWidget *title_row;
  GtkWidget *mentor_row;
  GtkWidget *mentee_row;
  GtkWidget *items_row;
  GtkWidget *start_row;
  GtkWidget *end_row;
  GtkWidget *problem;      /* why Create is off: a wrong period, nothing under review */
  GPtrArray *candidates;   /* borrowed ChartaItem */
  GPtrArray *checks;       /* GtkCheckButton in the items row: "All", then the candidates' */
  gboolean syncing;        /* while one check unchecks others */
};

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaNewReviewDialog, charta_new_review_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The dates may stay empty; both given, the end is not before the start (the core's
 * charta_period_check()). A date that is none is said in its own row; *@problem: why not. */
static gboolean
dates_ok (ChartaNewReviewDialog *self, char **problem)
{
  g_autoptr(GError) error = NULL;
  const char *start = charta_date_row_get_date (CHARTA_DATE_ROW (self->start_row));
  const char *end = charta_date_row_get_date (CHARTA_DATE_ROW (self->end_row));
  gboolean ok = charta_date_row_get_valid (CHARTA_DATE_ROW (self->start_row)) &&
                charta_date_row_get_valid (CHARTA_DATE_ROW (self->end_row));

  if (ok && start != NULL && end != NULL)
    ok = charta_period_check (start, end, &error);
  if (error != NULL)
    *problem = g_strdup (error->message);
  return ok;
}

static gboolean
is_checked (ChartaNewReviewDialog *self, guint i)
{
  return gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
}

/* The ids of the candidates checked, NULL-terminated: none when "All" is (the core's
 * "all of the kind's"). */
static GPtrArray *
checked_items (ChartaNewReviewDialog *self)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 1; i < self->checks->len && !is_checked (self, 0); i++)
    if (is_checked (self, i))
      g_ptr_array_add (ids, (gpointer) charta_item_get_id (g_ptr_array_index (self->candidates, i - 1)));
  g_ptr_array_add (ids, NULL);
  return ids;
}

static gboolean
anything_checked (ChartaNewReviewDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (is_checked (self, i))
      return TRUE;
  return FALSE;
}

/* The items row's subtitle says what is checked, so that it is read without opening it. */
static void
update_items_subtitle (ChartaNewReviewDialog *self)
{
  g_autoptr(GString) chosen = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (is_checked (self, i))
      g_string_append_printf (chosen, "%s%s", chosen->len ? ", " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                gtk_widget_get_ancestor (g_ptr_array_index (self->checks, i), ADW_TYPE_ACTION_ROW))));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->items_row),
                                 /* Translators: what a new review covers, when nothing is checked */
                                 chosen->len ? chosen->str : _("Nothing chosen yet"));
}

/* Create is on while the dates are right and something is under review; the label below
 * the rows says why not. */
static void
update_create (ChartaNewReviewDialog *self)
{
  g_autofree char *problem = NULL;
  gboolean ok = dates_ok (self, &problem);

  if (!anything_checked (self))
    {
      ok = FALSE;
      g_free (problem);
      problem = g_strdup (_("Choose at least one part of the benchmark for the review to cover."));
    }
  gtk_label_set_text (GTK_LABEL (self->problem), problem ? problem : "");
  gtk_widget_set_visible (self->problem, problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", ok);
}

static void
on_dates_changed_cb (ChartaNewReviewDialog *self)
{
  update_create (self);
}

/* "All" and the parts exclude each other: checking one unchecks the other side. */
static void
on_check_toggled_cb (GtkCheckButton *check, GParamSpec *pspec, ChartaNewReviewDialog *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  if (gtk_check_button_get_active (check) && check == g_ptr_array_index (self->checks, 0))
    for (guint i = 1; i < self->checks->len; i++)
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
  else if (gtk_check_button_get_active (check))
    gtk_check_button_set_active (g_ptr_array_index (self->checks, 0), FALSE);
  self->syncing = FALSE;
  update_items_subtitle (self);
  update_create (self);
}

static void
add_check (ChartaNewReviewDialog *self, const char *title, gboolean active)
{
  GtkWidget *check = charta_expander_add_check (self->items_row, title, active);

  g_signal_connect_object (check, "notify::active", G_CALLBACK (on_check_toggled_cb), self, 0);
  g_ptr_array_add (self->checks, check);
}

/* What may be under review depends on the kind: DIVE's groups and areas (an area below
 * its group), or the key factors. */
static void
on_kind_changed_cb (ChartaNewReviewDialog *self)
{
  ChartaReviewKind kind = charta_new_review_dialog_get_kind (self);
  gboolean mentoring = kind == CHARTA_REVIEW_INCLUCITIES_MENTORING;

  if (self->candidates == NULL)
    return;   /* still in the template */
  gtk_widget_set_visible (self->mentor_row, mentoring);
  gtk_widget_set_visible (self->mentee_row, mentoring);
  for (guint i = 0; i < self->checks->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self->items_row),
                             gtk_widget_get_ancestor (g_ptr_array_index (self->checks, i), ADW_TYPE_ACTION_ROW));
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_unref (self->candidates);
  self->candidates = charta_review_get_candidates (kind);
  add_check (self, mentoring ? _("All key factors") : _("All of the DIVE benchmark"), TRUE);
  for (guint i = 0; i < self->candidates->len; i++)
    {
      const ChartaItem *item = g_ptr_array_index (self->candidates, i);
      g_autofree char *name = NULL;

      if (g_str_equal (charta_item_get_kind (item), "area"))
        /* Translators: a DIVE area in the list of what a new review covers, listed after its group */
        name = g_strdup_printf (_("Area: %s"), charta_item_get_title (item));
      else
        name = g_strdup (charta_item_get_title (item));
      add_check (self, name, FALSE);
    }
  update_items_subtitle (self);
  update_create (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
charta_new_review_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_NEW_REVIEW_DIALOG);
  g_clear_pointer (&CHARTA_NEW_REVIEW_DIALOG (object)->candidates, g_ptr_array_unref);
  g_clear_pointer (&CHARTA_NEW_REVIEW_DIALOG (object)->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_new_review_dialog_parent_class)->dispose (object);
}

static void
charta_new_review_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, charta_new_review_dialog_get_kind (CHARTA_NEW_REVIEW_DIALOG (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_new_review_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_KIND:
      charta_new_review_dialog_set_kind (CHARTA_NEW_REVIEW_DIALOG (object), g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_new_review_dialog_class_init (ChartaNewReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_new_review_dialog_dispose;
  object_class->get_property = charta_new_review_dialog_get_property;
  object_class->set_property = charta_new_review_dialog_set_property;

  /* A ChartaReviewKind */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, CHARTA_N_REVIEW_KINDS - 1, CHARTA_REVIEW_DIVE_PEER_REVIEW,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/charta/Charta/ui/charta-new-review-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, mentor_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, mentee_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, items_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaNewReviewDialog, problem);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dates_changed_cb);
}

static void
charta_new_review_dialog_init (ChartaNewReviewDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  g_type_ensure (CHARTA_TYPE_DATE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  for (int k = 0; k < CHARTA_N_REVIEW_KINDS; k++)
    gtk_string_list_append (kinds, charta_review_kind_get_label (k));
  self->candidates = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  on_kind_changed_cb (self);
}

ChartaNewReviewDialog *
charta_new_review_dialog_new (GtkWindow *parent)
{
  return g_object_new (CHARTA_TYPE_NEW_REVIEW_DIALOG, "transient-for", parent, NULL);
}

ChartaReviewKind
charta_new_review_dialog_get_kind (ChartaNewReviewDialog *self)
{
  guint selected;

  g_return_val_if_fail (CHARTA_IS_NEW_REVIEW_DIALOG (self), CHARTA_REVIEW_DIVE_PEER_REVIEW);
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  return selected < CHARTA_N_REVIEW_KINDS ? (ChartaReviewKind) selected : CHARTA_REVIEW_DIVE_PEER_REVIEW;
}

void
charta_new_review_dialog_set_kind (ChartaNewReviewDialog *self, ChartaReviewKind kind)
{
  g_return_if_fail (CHARTA_IS_NEW_REVIEW_DIALOG (self));
  g_return_if_fail (kind < CHARTA_N_REVIEW_KINDS);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), kind);
}

static char *
text_of (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

ChartaReview *
charta_new_review_dialog_create_review (ChartaNewReviewDialog *self)
{
  ChartaReviewKind kind;
  g_autofree char *title = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GPtrArray) items = NULL;
  ChartaReview *review;

  g_return_val_if_fail (CHARTA_IS_NEW_REVIEW_DIALOG (self), NULL);

  if (!dates_ok (self, &problem) || !anything_checked (self))
    return NULL;
  kind = charta_new_review_dialog_get_kind (self);
  title = text_of (self->title_row);
  items = checked_items (self);
  review = charta_review_create (kind, title, (const char *const *) items->pdata);
  review->start = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (self->start_row)));
  review->end = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (self->end_row)));
  if (kind == CHARTA_REVIEW_INCLUCITIES_MENTORING)
    {
      g_autofree char *mentor = text_of (self->mentor_row);
      g_autofree char *mentee = text_of (self->mentee_row);
      review->mentor_city = *mentor ? g_steal_pointer (&mentor) : NULL;
      review->mentee_city = *mentee ? g_steal_pointer (&mentee) : NULL;
    }
  return review;
}
