/**
 * Readers for emotional-speech corpora that take every label from the corpora's own file-naming conventions, so
 * the same code reads the project's converted copies and a user's original download.
 *
 * <p>A {@link org.emoscope.train.corpus.CorpusReader} walks any folder recursively, accepts {@code .wav},
 * {@code .flac}, {@code .mp3} and {@code .ogg} files (extension case-insensitive), and reports every audio file
 * whose name does not follow its corpus's convention in a {@link org.emoscope.train.corpus.CorpusScan} instead of
 * guessing. No audio is decoded here. {@link org.emoscope.train.corpus.Corpora} lists the known corpora and
 * {@link org.emoscope.train.corpus.LabelSet} maps each corpus's emotions onto a model's classes.
 */
package org.emoscope.train.corpus;
