"""Stored figures: each assessment's figures for the units page, kept until anything they are
computed from changes (assessments.figures_version) or the day turns.

Revision ID: 1080be875798
Revises: 560ddc072e1d
Create Date: 2026-12-06 17:00:01.478484

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1080be875798'
down_revision = '560ddc072e1d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stored_figures',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('computed_on', sa.Date(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('stale', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_stored_figures_assessment_id_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', name=op.f('pk_stored_figures'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('figures_version', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_column('figures_version')

    op.drop_table('stored_figures')
