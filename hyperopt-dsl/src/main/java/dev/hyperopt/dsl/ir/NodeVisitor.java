package dev.hyperopt.dsl.ir;

/** Dispatch over the node kinds (Java 17 has no pattern-matching switch). */
public interface NodeVisitor<R> {
    R visitLiteral(Literal node);
    R visitParam(Param node);
    R visitChoice(Choice node);
    R visitDict(DictNode node);
    R visitList(ListNode node);
    R visitUnary(Unary node);
    R visitBinary(Binary node);
    R visitCall(Call node);
    R visitNamed(Named node);
}
