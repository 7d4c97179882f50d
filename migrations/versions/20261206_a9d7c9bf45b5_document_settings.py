"""Document settings of the own unit: the coordinating body, Nơi nhận and Lưu lines of the plan
and of the periodic report, who sends the report to whom, and who signs.

No rows are written: an installation set up before this revision has none, and its documents
use its kind's starter values (starter.document_starter) until an admin saves the settings page.

Revision ID: a9d7c9bf45b5
Revises: 43dd19eb6c3b
Create Date: 2026-12-06 13:12:43.466713

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9d7c9bf45b5'
down_revision = '43dd19eb6c3b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('parent_body', sa.String(length=200), nullable=False),
    sa.Column('coordinator', sa.String(length=200), nullable=False),
    sa.Column('coordinator_symbol', sa.String(length=20), nullable=False),
    sa.Column('recipients', sa.Text(), nullable=False),
    sa.Column('archive', sa.String(length=200), nullable=False),
    sa.Column('signer_capacity', sa.String(length=3), nullable=False),
    sa.Column('signer_title', sa.String(length=100), nullable=False),
    sa.Column('signer_name', sa.String(length=100), nullable=False),
    sa.Column('report_sender', sa.String(length=20), nullable=False),
    sa.Column('report_addressee', sa.String(length=200), nullable=False),
    sa.Column('report_recipients', sa.Text(), nullable=False),
    sa.Column('report_archive', sa.String(length=200), nullable=False),
    sa.Column('coordinator_signer_capacity', sa.String(length=3), nullable=False),
    sa.Column('coordinator_signer_title', sa.String(length=100), nullable=False),
    sa.Column('coordinator_signer_name', sa.String(length=100), nullable=False),
    sa.CheckConstraint("report_sender IN ('unit', 'coordinator')", name=op.f('ck_document_settings_report_sender')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_document_settings_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_settings')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_document_settings_unit_id'))
    )


def downgrade():
    op.drop_table('document_settings')
