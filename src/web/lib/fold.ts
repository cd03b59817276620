// One folding function for the whole code base (DESIGN.md): the web reuses the domain's.
export { foldDiacritics } from '../../domain/text/fold.ts';
