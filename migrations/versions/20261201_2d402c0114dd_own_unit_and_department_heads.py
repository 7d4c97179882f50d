"""The installation's own unit (`tracker setup`) and a department head's address.

An installation that already has plans keeps working without set-up: the unit of its first
plan becomes its own unit.

Revision ID: 2d402c0114dd
Revises: 1a991ced1635
Create Date: 2026-12-01 20:07:22.490915

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2d402c0114dd'
down_revision = '1a991ced1635'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('head_email', sa.String(length=254), nullable=True))

    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('own', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute("UPDATE units SET own = true WHERE id = (SELECT a.unit_id FROM plans p "
               "JOIN assessments a ON a.id = p.assessment_id ORDER BY p.id LIMIT 1)")


def downgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('own')

    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_column('head_email')

