"""Plans carried over to the next year's criteria set: leaves linked across the two sets, and the
scores carried onto the new one.

Revision ID: 858ad0e1bf65
Revises: 2d00e65a31fa
Create Date: 2026-12-01 23:24:39.177528

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '858ad0e1bf65'
down_revision = '2d00e65a31fa'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('criterion_links',
    sa.Column('old_criterion_id', sa.Integer(), nullable=False),
    sa.Column('new_criterion_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['new_criterion_id'], ['criteria.id'], name=op.f('fk_criterion_links_new_criterion_id_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['old_criterion_id'], ['criteria.id'], name=op.f('fk_criterion_links_old_criterion_id_criteria'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('old_criterion_id', 'new_criterion_id', name=op.f('pk_criterion_links'))
    )
    with op.batch_alter_table('criterion_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_criterion_links_new_criterion_id'), ['new_criterion_id'], unique=False)

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_set_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('carried_max', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('carried_baseline', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('carried_survey_lost', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('carried_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_plans_target_set_id_criteria_sets'), 'criteria_sets', ['target_set_id'], ['id'])



def downgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_plans_target_set_id_criteria_sets'), type_='foreignkey')
        batch_op.drop_column('carried_at')
        batch_op.drop_column('carried_survey_lost')
        batch_op.drop_column('carried_baseline')
        batch_op.drop_column('carried_max')
        batch_op.drop_column('target_set_id')

    with op.batch_alter_table('criterion_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_criterion_links_new_criterion_id'))

    op.drop_table('criterion_links')
