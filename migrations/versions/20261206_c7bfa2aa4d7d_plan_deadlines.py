"""Plan deadlines: by when the units scored on a year's results must issue their plan (the date
the coordinating body sets when it sends the results out).

Revision ID: c7bfa2aa4d7d
Revises: 8e1a413ee338
Create Date: 2026-12-06 15:57:45.275924

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7bfa2aa4d7d'
down_revision = '8e1a413ee338'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_deadlines',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_plan_deadlines'))
    )


def downgrade():
    op.drop_table('plan_deadlines')
