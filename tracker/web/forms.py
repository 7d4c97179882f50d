"""Form fields shared by several blueprints."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]  # typed as dd/mm/yyyy; ISO from scripts and browsers


class VNDateField(DateField):
    """A date typed dd/mm/yyyy (ISO accepted), shown dd/mm/yyyy."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        super().__init__(label, validators, format=DATE_FORMATS, **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d/%m/%Y") if self.data else ""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Enter a date as dd/mm/yyyy.")))
