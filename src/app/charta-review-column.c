/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-review-column"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-review-column.h"
#include "charta-ui-utils.h"

/* One column of the side-by-side view. The city's column only shows; a reviewer's column
 * is a form over a copy of that reviewer's assessment, handed back by "save": the page
 * commits it with the core's rule (charta_review_set_assessment()), which never touches
 * the city's own assessment. How the level stands to the city's is said in words and with
 * an icon, not by colour alone. */

struct _ChartaReviewColumn {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *difference_box;
  GtkWidget *difference_icon;
  GtkWidget *difference_label;
  GtkWidget *level_label;
  GtkWidget *level_dropdown;
  GtkWidget *basis_dropdown;
  GtkWidget *findings_label;
  GtkWidget *findings_view;
  GtkWidget *problems_heading;
  GtkWidget *problems_box;
  GtkWidget *recommendations_heading;
  GtkWidget *recommendations_box;

  char *heading;
  gboolean editable;
  ChartaLevelComparison comparison;
  char *assessor;
  char *item_id;
  ChartaReviewAssessment *assessment;   /* the one shown (a copy), or a new empty one */
  GArray *level_values;                 /* beside the level list's rows */
  GPtrArray *problem_ids;               /* beside the key problems' check buttons */
  GPtrArray *recommendation_ids;
};

enum {
  PROP_0,
  PROP_HEADING,
  PROP_EDITABLE,
  PROP_COMPARISON,
  N_PROPS
};

enum {
  SAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaReviewColumn, charta_review_column, GTK_TYPE_WIDGET)

/* ---- helpers ---- */

static char *
describe_level (const ChartaItem *item, int value)
{
  const ChartaLevel *level;

  if (value == CHARTA_UNSET)
    return g_strdup (charta_format_not_assessed ());
  level = charta_framework_find_level (charta_item_get_framework (item), value);
  /* Translators: a level and its title, e.g. "2 – Developing" */
  return g_strdup_printf (_("%d – %s"), value, level ? charta_level_get_title (level) : "?");
}

static void
clear_box (GtkWidget *box)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (box));)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
fill_levels (ChartaReviewColumn *self, const ChartaItem *item, int value)
{
  const ChartaFramework *framework = charta_item_get_framework (item);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;
  int unset = CHARTA_UNSET;

  g_array_set_size (self->level_values, 0);
  gtk_string_list_append (list, charta_format_not_assessed ());
  g_array_append_val (self->level_values, unset);
  for (guint i = 0; i < charta_framework_get_n_levels (framework); i++)
    {
      const ChartaLevel *level = charta_framework_get_level (framework, i);
      g_autofree char *text = describe_level (item, level->value);
      gtk_string_list_append (list, text);
      g_array_append_val (self->level_values, level->value);
      if (level->value == value)
        selected = self->level_values->len - 1;
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->level_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->level_dropdown), selected);
}

static gboolean
list_has (GPtrArray *ids, const char *id)
{
  return ids != NULL && g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static void
add_line (GtkWidget *box, const char *text)
{
  /* Translators: an item of a list in the side-by-side view */
  g_autofree char *line = g_strdup_printf (_("• %s"), text);
  GtkWidget *label = gtk_label_new (line);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_box_append (GTK_BOX (box), label);
}

/* The catalogue's choices under @item (key problems, or their recommendations), checked
 * where @chosen names them; read-only columns list only what is chosen. */
static void
fill_choices (ChartaReviewColumn *self, GtkWidget *box, GPtrArray *ids, const ChartaItem *item,
              const char *kind, GPtrArray *chosen)
{
  for (guint i = 0; i < charta_item_get_n_children (item); i++)
    {
      const ChartaItem *child = charta_item_get_child (item, i);
      const char *id = charta_item_get_id (child);
      const char *title = charta_item_get_title (child) ? charta_item_get_title (child) : id;

      if (strcmp (charta_item_get_kind (child), kind) != 0)
        {
          if (strcmp (kind, "recommendation") == 0 && strcmp (charta_item_get_kind (child), "key-problem") == 0)
            fill_choices (self, box, ids, child, kind, chosen);
          continue;
        }
      if (self->editable)
        {
          GtkWidget *check = gtk_check_button_new_with_label (title);
          gtk_widget_set_tooltip_text (check, title);
          gtk_label_set_wrap (GTK_LABEL (gtk_widget_get_last_child (check)), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (gtk_widget_get_last_child (check)), 30);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), list_has (chosen, id));
          gtk_box_append (GTK_BOX (box), check);
          g_ptr_array_add (ids, g_strdup (id));
        }
      else if (list_has (chosen, id))
        add_line (box, title);
    }
}

static void
fill_lists (ChartaReviewColumn *self, const ChartaItem *item, GPtrArray *problems, GPtrArray *recommendations)
{
  gboolean any;

  clear_box (self->problems_box);
  clear_box (self->recommendations_box);
  g_ptr_array_set_size (self->problem_ids, 0);
  g_ptr_array_set_size (self->recommendation_ids, 0);
  fill_choices (self, self->problems_box, self->problem_ids, item, "key-problem", problems);
  fill_choices (self, self->recommendations_box, self->recommendation_ids, item, "recommendation", recommendations);
  any = gtk_widget_get_first_child (self->problems_box) != NULL;
  gtk_widget_set_visible (self->problems_heading, any);
  gtk_widget_set_visible (self->problems_box, any);
  any = gtk_widget_get_first_child (self->recommendations_box) != NULL;
  gtk_widget_set_visible (self->recommendations_heading, any);
  gtk_widget_set_visible (self->recommendations_box, any);
}

static void
set_comparison (ChartaReviewColumn *self, ChartaLevelComparison comparison, int level, int city_level)
{
  static const char * const icons[] = { NULL, "emblem-ok-symbolic", "go-up-symbolic", "go-down-symbolic",
                                        "content-loading-symbolic", "dialog-information-symbolic" };
  g_autofree char *text = NULL;

  switch (comparison)
    {
    case CHARTA_LEVEL_SAME:
      text = g_strdup (_("Same level as the city’s"));
      break;
    case CHARTA_LEVEL_HIGHER:
      /* Translators: the side-by-side view; %d are levels, e.g. "Differs: 3, higher than the city's 2" */
      text = g_strdup_printf (_("Differs: %d, higher than the city’s %d"), level, city_level);
      break;
    case CHARTA_LEVEL_LOWER:
      text = g_strdup_printf (_("Differs: %d, lower than the city’s %d"), level, city_level);
      break;
    case CHARTA_LEVEL_ONLY_CITY:
      text = g_strdup (_("No level yet"));
      break;
    case CHARTA_LEVEL_ONLY_REVIEWER:
      text = g_strdup (_("Differs: the city has given no level"));
      break;
    case CHARTA_LEVEL_NEITHER:
    default:
      break;
    }
  gtk_widget_set_visible (self->difference_box, text != NULL);
  gtk_label_set_text (GTK_LABEL (self->difference_label), text ? text : "");
  if (icons[comparison] != NULL)
    gtk_image_set_from_icon_name (GTK_IMAGE (self->difference_icon), icons[comparison]);
  if (charta_level_comparison_differs (comparison))
    gtk_widget_add_css_class (self->box, "review-differs");
  else
    gtk_widget_remove_css_class (self->box, "review-differs");
  if (self->comparison != comparison)
    {
      self->comparison = comparison;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
    }
}

/* ---- callbacks ---- */

static void
on_save_clicked_cb (ChartaReviewColumn *self)
{
  g_signal_emit (self, signals[SAVE], 0);
}

/* ---- GObject ---- */

static void
charta_review_column_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_REVIEW_COLUMN);
  G_OBJECT_CLASS (charta_review_column_parent_class)->dispose (object);
}

static void
charta_review_column_finalize (GObject *object)
{
  ChartaReviewColumn *self = CHARTA_REVIEW_COLUMN (object);

  g_free (self->heading);
  g_free (self->assessor);
  g_free (self->item_id);
  g_clear_pointer (&self->assessment, charta_review_assessment_free);
  g_array_unref (self->level_values);
  g_ptr_array_unref (self->problem_ids);
  g_ptr_array_unref (self->recommendation_ids);
  G_OBJECT_CLASS (charta_review_column_parent_class)->finalize (object);
}

static void
charta_review_column_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaReviewColumn *self = CHARTA_REVIEW_COLUMN (object);

  switch (prop_id)
    {
    case PROP_HEADING: g_value_set_string (value, self->heading); break;
    case PROP_EDITABLE: g_value_set_boolean (value, self->editable); break;
    case PROP_COMPARISON: g_value_set_int (value, self->comparison); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_review_column_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaReviewColumn *self = CHARTA_REVIEW_COLUMN (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      if (g_strcmp0 (self->heading, g_value_get_string (value)) != 0)
        {
          g_free (self->heading);
          self->heading = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EDITABLE:
      if (self->editable != g_value_get_boolean (value))
        {
          self->editable = g_value_get_boolean (value);
          gtk_widget_set_visible (self->level_label, !self->editable);
          gtk_widget_set_visible (self->findings_label, !self->editable);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_review_column_class_init (ChartaReviewColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_review_column_dispose;
  object_class->finalize = charta_review_column_finalize;
  object_class->get_property = charta_review_column_get_property;
  object_class->set_property = charta_review_column_set_property;

  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A ChartaLevelComparison: how the level stands to the city's. */
  properties[PROP_COMPARISON] =
    g_param_spec_int ("comparison", NULL, NULL, CHARTA_LEVEL_NEITHER, CHARTA_LEVEL_ONLY_REVIEWER,
                      CHARTA_LEVEL_NEITHER, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Save was pressed: charta_review_column_dup_assessment() holds the form. */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-review-column.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, box);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, difference_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, difference_icon);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, difference_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, level_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, basis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, findings_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, findings_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, problems_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, recommendations_heading);
  gtk_widget_class_bind_template_child (widget_class, ChartaReviewColumn, recommendations_box);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
}

static void
charta_review_column_init (ChartaReviewColumn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->level_values = g_array_new (FALSE, FALSE, sizeof (int));
  self->problem_ids = g_ptr_array_new_with_free_func (g_free);
  self->recommendation_ids = g_ptr_array_new_with_free_func (g_free);
}

/* ---- public API ---- */

GtkWidget *
charta_review_column_new (const char *heading, gboolean editable)
{
  return g_object_new (CHARTA_TYPE_REVIEW_COLUMN, "heading", heading, "editable", editable, NULL);
}

void
charta_review_column_set_city (ChartaReviewColumn *self, const ChartaItem *item, const ChartaAssessment *assessment)
{
  g_autofree char *level = NULL;

  g_return_if_fail (CHARTA_IS_REVIEW_COLUMN (self) && item != NULL);

  g_free (self->item_id);
  self->item_id = g_strdup (charta_item_get_id (item));
  level = describe_level (item, assessment ? assessment->level : CHARTA_UNSET);
  gtk_label_set_text (GTK_LABEL (self->level_label), level);
  gtk_label_set_text (GTK_LABEL (self->findings_label),
                      assessment && assessment->evidence ? assessment->evidence : _("No evidence given"));
  fill_lists (self, item, assessment ? assessment->key_problems : NULL,
              assessment ? assessment->recommendations : NULL);
}

void
charta_review_column_set_reviewer (ChartaReviewColumn *self, const ChartaItem *item,
                                   const ChartaReviewAssessment *assessment, const char *assessor, int city_level)
{
  g_autofree char *level = NULL;
  int value;

  g_return_if_fail (CHARTA_IS_REVIEW_COLUMN (self) && item != NULL && assessor != NULL);

  g_clear_pointer (&self->assessment, charta_review_assessment_free);
  self->assessment = assessment ? charta_review_assessment_copy (assessment)
                                : charta_review_assessment_new (charta_item_get_id (item), assessor);
  g_free (self->assessor);
  self->assessor = g_strdup (assessor);
  g_free (self->item_id);
  self->item_id = g_strdup (charta_item_get_id (item));
  value = self->assessment->level;
  level = describe_level (item, value);
  gtk_label_set_text (GTK_LABEL (self->level_label), level);
  gtk_label_set_text (GTK_LABEL (self->findings_label), self->assessment->findings ? self->assessment->findings : "");
  fill_levels (self, item, value);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->basis_dropdown),
                              self->assessment->basis == CHARTA_UNSET ? 0 : (guint) self->assessment->basis + 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->findings_view)),
                            self->assessment->findings ? self->assessment->findings : "", -1);
  fill_lists (self, item, self->assessment->key_problems, self->assessment->recommendations);
  set_comparison (self, charta_review_compare_level (city_level, value), value, city_level);
}

static GPtrArray *
checked_ids (GtkWidget *box, GPtrArray *ids)
{
  GPtrArray *out = NULL;
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child), i++)
    if (i < ids->len && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        if (out == NULL)
          out = g_ptr_array_new_with_free_func (g_free);
        g_ptr_array_add (out, g_strdup (g_ptr_array_index (ids, i)));
      }
  return out;
}

ChartaReviewAssessment *
charta_review_column_dup_assessment (ChartaReviewColumn *self)
{
  ChartaReviewAssessment *a;
  guint level, basis;

  g_return_val_if_fail (CHARTA_IS_REVIEW_COLUMN (self) && self->assessment != NULL, NULL);

  a = charta_review_assessment_copy (self->assessment);
  level = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->level_dropdown));
  a->level = level < self->level_values->len ? g_array_index (self->level_values, int, level) : CHARTA_UNSET;
  basis = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->basis_dropdown));
  a->basis = basis == 0 || basis == GTK_INVALID_LIST_POSITION ? CHARTA_UNSET : (int) basis - 1;
  g_free (a->findings);
  a->findings = charta_text_buffer_dup_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->findings_view)));
  g_clear_pointer (&a->key_problems, g_ptr_array_unref);
  a->key_problems = checked_ids (self->problems_box, self->problem_ids);
  g_clear_pointer (&a->recommendations, g_ptr_array_unref);
  a->recommendations = checked_ids (self->recommendations_box, self->recommendation_ids);
  return a;
}

const char *
charta_review_column_get_assessor (ChartaReviewColumn *self)
{
  g_return_val_if_fail (CHARTA_IS_REVIEW_COLUMN (self), NULL);
  return self->assessor;
}

const char *
charta_review_column_get_item_id (ChartaReviewColumn *self)
{
  g_return_val_if_fail (CHARTA_IS_REVIEW_COLUMN (self), NULL);
  return self->item_id;
}

ChartaLevelComparison
charta_review_column_get_comparison (ChartaReviewColumn *self)
{
  g_return_val_if_fail (CHARTA_IS_REVIEW_COLUMN (self), CHARTA_LEVEL_NEITHER);
  return self->comparison;
}

void
charta_review_column_set_level (ChartaReviewColumn *self, int level)
{
  g_return_if_fail (CHARTA_IS_REVIEW_COLUMN (self));
  for (guint i = 0; i < self->level_values->len; i++)
    if (g_array_index (self->level_values, int, i) == level)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->level_dropdown), i);
}

void
charta_review_column_set_findings (ChartaReviewColumn *self, const char *findings)
{
  g_return_if_fail (CHARTA_IS_REVIEW_COLUMN (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->findings_view)), findings, -1);
}

void
charta_review_column_save (ChartaReviewColumn *self)
{
  g_return_if_fail (CHARTA_IS_REVIEW_COLUMN (self));
  /* "clicked" at once: an activated button clicks only after showing itself pressed. */
  g_signal_emit_by_name (gtk_widget_get_last_child (self->box), "clicked");
}
