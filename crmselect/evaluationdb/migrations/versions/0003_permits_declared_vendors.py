"""The facilitator's permits (reopen scoring after the reveal, score despite a declared
interest) and the vendors a conflict-of-interest declaration names.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "permit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("evaluator_id", sa.String(64), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permit")),
        sa.UniqueConstraint("kind", "evaluator_id", "vendor_id",
                            name=op.f("uq_permit_kind_evaluator_id_vendor_id")),
    )
    with op.batch_alter_table("declaration") as batch:
        batch.add_column(sa.Column("vendors", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("declaration") as batch:
        batch.drop_column("vendors")
    op.drop_table("permit")
