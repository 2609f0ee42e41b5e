#!/usr/bin/env bash
# Example Slurm job array: N importers share one archive, each taking the
# files of its shard (--shard K/N, a stable hash of the path, so every file
# lands in exactly one shard) and all writing into one PostgreSQL database.
# Re-submitting the array after a failure resumes: stored files are skipped.
#   sbatch --array=1-16 tools/slurm_ingest.sh /archive postgresql://finsam@db.example/finsam
#SBATCH --job-name=finsam-ingest
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=finsam-ingest-%A_%a.log
set -euo pipefail
archive=${1:?archive directory}
db=${2:?postgresql:// URL}
shards=${SLURM_ARRAY_TASK_COUNT:?run as a job array (sbatch --array=1-N)}
shard=${SLURM_ARRAY_TASK_ID:?}
# Task ids 1…N (sbatch --array=1-N); with --array=0-(N-1) use shard+1.
[ "${SLURM_ARRAY_TASK_MIN:-1}" -eq 0 ] && shard=$((shard + 1))
exec finsam-extract ingest --db "$db" --jobs "${SLURM_CPUS_PER_TASK:-1}" --shard "$shard/$shards" "$archive"
