/** The package's atomic file write (temp + fsync + rename) lives in src/io/atomic-write.ts. */
export { writeFileAtomic } from '../io/atomic-write.ts';
