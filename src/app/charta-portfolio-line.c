/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-portfolio-line"
#include "config.h"

#include <math.h>

#include "charta-portfolio-line.h"

struct _ChartaPortfolioLine {
  GObject parent_instance;

  char *key;
  char *title;
  const ChartaPortfolioRow *row;
  GPtrArray *texts;     /* of char *, one per city */
  GArray *values;       /* of double, one per city */
  char *median_text;
  double median;
};

enum {
  PROP_0,
  PROP_KEY,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaPortfolioLine, charta_portfolio_line, G_TYPE_OBJECT)

static void
charta_portfolio_line_finalize (GObject *object)
{
  ChartaPortfolioLine *self = CHARTA_PORTFOLIO_LINE (object);

  g_free (self->key);
  g_free (self->title);
  g_free (self->median_text);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  G_OBJECT_CLASS (charta_portfolio_line_parent_class)->finalize (object);
}

static void
charta_portfolio_line_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaPortfolioLine *self = CHARTA_PORTFOLIO_LINE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_portfolio_line_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaPortfolioLine *self = CHARTA_PORTFOLIO_LINE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_portfolio_line_class_init (ChartaPortfolioLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = charta_portfolio_line_finalize;
  object_class->get_property = charta_portfolio_line_get_property;
  object_class->set_property = charta_portfolio_line_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
charta_portfolio_line_init (ChartaPortfolioLine *self)
{
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->median = NAN;
}

ChartaPortfolioLine *
charta_portfolio_line_new (const char *key, const char *title, const ChartaPortfolioRow *row, guint n_cities)
{
  ChartaPortfolioLine *self = g_object_new (CHARTA_TYPE_PORTFOLIO_LINE, "key", key, "title", title, NULL);
  double nan = NAN;

  self->row = row;
  g_ptr_array_set_size (self->texts, n_cities);
  for (guint i = 0; i < n_cities; i++)
    g_array_append_val (self->values, nan);
  return self;
}

const char *
charta_portfolio_line_get_key (ChartaPortfolioLine *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), NULL);
  return self->key;
}

const char *
charta_portfolio_line_get_title (ChartaPortfolioLine *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), NULL);
  return self->title;
}

const ChartaPortfolioRow *
charta_portfolio_line_get_row (ChartaPortfolioLine *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), NULL);
  return self->row;
}

guint
charta_portfolio_line_get_n_cities (ChartaPortfolioLine *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), 0);
  return self->texts->len;
}

void
charta_portfolio_line_set_cell (ChartaPortfolioLine *self, guint city, const char *text, double value)
{
  g_return_if_fail (CHARTA_IS_PORTFOLIO_LINE (self));
  g_return_if_fail (city < self->texts->len);

  g_free (g_ptr_array_index (self->texts, city));
  g_ptr_array_index (self->texts, city) = g_strdup (text);
  g_array_index (self->values, double, city) = value;
}

const char *
charta_portfolio_line_get_text (ChartaPortfolioLine *self, guint city)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), NULL);
  g_return_val_if_fail (city < self->texts->len, NULL);
  return g_ptr_array_index (self->texts, city);
}

double
charta_portfolio_line_get_value (ChartaPortfolioLine *self, guint city)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), NAN);
  g_return_val_if_fail (city < self->values->len, NAN);
  return g_array_index (self->values, double, city);
}

void
charta_portfolio_line_set_median (ChartaPortfolioLine *self, const char *text, double value)
{
  g_return_if_fail (CHARTA_IS_PORTFOLIO_LINE (self));

  g_free (self->median_text);
  self->median_text = g_strdup (text);
  self->median = value;
}

const char *
charta_portfolio_line_get_median_text (ChartaPortfolioLine *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), NULL);
  return self->median_text;
}

double
charta_portfolio_line_get_median (ChartaPortfolioLine *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_LINE (self), NAN);
  return self->median;
}
