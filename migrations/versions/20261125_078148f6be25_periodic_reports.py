"""Periodic reports: a draft per plan and period, and the issued snapshot (figures, prose, files).

Revision ID: 078148f6be25
Revises: ebacf56625b7
Create Date: 2026-11-25 06:06:06.714482

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '078148f6be25'
down_revision = 'ebacf56625b7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('prose', sa.JSON(), nullable=False),
    sa.Column('number', sa.String(length=50), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('figures', sa.JSON(), nullable=True),
    sa.Column('docx', sa.LargeBinary(), nullable=True),
    sa.Column('xlsx', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status = 'draft' OR (number IS NOT NULL AND issued_on IS NOT NULL AND docx IS NOT NULL AND xlsx IS NOT NULL)", name=op.f('ck_reports_issued_complete')),
    sa.CheckConstraint("status IN ('draft', 'issued')", name=op.f('ck_reports_status')),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_reports_quarter')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_reports_issued_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_reports_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('plan_id', 'year', 'quarter', name=op.f('uq_reports_plan_id_year_quarter'))
    )


def downgrade():
    op.drop_table('reports')
